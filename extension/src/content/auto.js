/* Injected after the content scripts on sites the reader listed for automatic runs. */
globalThis.QuoteTrail.controller.run({ reason: "auto" });
