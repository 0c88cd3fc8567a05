"""The real extension in a real Firefox: Debian's firefox-esr, headless, driven through Marionette
(Mozilla's own Python client, marionette-driver, which talks to the browser directly: no
geckodriver, nothing downloaded). The Firefox build (extension/dist/firefox) is installed as a
temporary add-on, as about:debugging does."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

from conftest import EXT_DIR

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
ADDON_ID = "quotetrail@quotetrail.invalid"
# A fixed moz-extension:// host for the add-on, so tests can open its pages.
ADDON_UUID = "5a0c1f6e-7d2b-4c1a-9e3f-2b8d6c4a1e07"
EXT_ORIGIN = f"moz-extension://{ADDON_UUID}"
# The toolbar button's node in the browser window (Firefox names it after the add-on id).
ACTION_WIDGET = "quotetrail_quotetrail_invalid-browser-action"
PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.webextensions.uuids": f'{{"{ADDON_ID}": "{ADDON_UUID}"}}',
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pref(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Firefox:
    """One headless Firefox with the add-on installed; `client` is the Marionette session."""

    def __init__(self, profile: str):
        from marionette_driver.addons import Addons
        from marionette_driver.marionette import Marionette

        port = _free_port()
        prefs = {**PREFS, "marionette.port": port}
        with open(os.path.join(profile, "user.js"), "w", encoding="utf-8") as f:
            for name, value in prefs.items():
                f.write(f'user_pref("{name}", {_pref(value)});\n')
        self.log = open(os.path.join(profile, "firefox.log"), "w")
        # -remote-allow-system-access: the chrome context, needed to open the add-on's own pages.
        self.proc = subprocess.Popen(
            [FIREFOX, "--headless", "--marionette", "-remote-allow-system-access", "--no-remote",
             "--profile", profile, "about:blank"], stdout=self.log, stderr=subprocess.STDOUT)
        self.client = Marionette(host="127.0.0.1", port=port)
        self.client.raise_for_port(timeout=90)
        self.client.start_session()
        self.client.timeout.script = 30
        self.version = self.client.session_capabilities.get("browserVersion")
        Addons(self.client).install(str(EXT_DIR / "dist" / "firefox"), temp=True)
        self.ext_tab = self._open_extension_tab()

    def close(self):
        try:
            self.client.delete_session()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.log.close()

    # --- tabs -----------------------------------------------------------------------------
    def _open_extension_tab(self, path: str = "/src/options/options.html") -> str:
        """Web content may not navigate to moz-extension:// pages: open it from the browser's chrome."""
        before = set(self.client.window_handles)
        with self.client.using_context("chrome"):
            self.client.execute_script(
                "gBrowser.selectedTab = gBrowser.addTrustedTab(arguments[0]);", script_args=[EXT_ORIGIN + path])
        handle = self._wait_for_new_handle(before)
        self.client.switch_to_window(handle)
        # The new tab shows about:blank (already "complete") before the add-on's page loads.
        self.wait_for("u => location.href === u && document.readyState === 'complete'", EXT_ORIGIN + path)
        return handle

    def _wait_for_new_handle(self, before) -> str:
        for _ in range(100):
            new = set(self.client.window_handles) - before
            if new:
                return new.pop()
            time.sleep(0.1)
        raise AssertionError("no new tab opened")

    def open(self, url: str) -> str:
        handle = self.client.open(type="tab", focus=True)["handle"]
        self.client.switch_to_window(handle)
        self.client.navigate(url)
        return handle

    def options_page(self) -> str:
        return self._open_extension_tab()

    def close_tab(self, handle: str):
        self.client.switch_to_window(handle)
        self.client.close()
        self.client.switch_to_window(self.ext_tab)

    # --- scripts ----------------------------------------------------------------------------
    def js(self, script: str, *args):
        """Run `script` (a function's source) in the current tab's own page scope."""
        return self.client.execute_script(f"return ({script})(...arguments);", script_args=list(args),
                                          sandbox=None)

    def background(self, script: str, *args):
        """Run async `script` (a function of the background page's window) in the add-on's background."""
        here = self.client.current_window_handle
        self.client.switch_to_window(self.ext_tab)
        try:
            return self.client.execute_async_script(
                """const done = arguments[arguments.length - 1];
                   const args = [...arguments].slice(0, -1);
                   browser.runtime.getBackgroundPage()
                     .then(bg => (%s)(bg, ...args))
                     .then(v => done({ok: v === undefined ? null : v}), e => done({error: String(e)}));""" % script,
                script_args=list(args), sandbox=None)
        finally:
            self.client.switch_to_window(here)

    def configure(self, **settings):
        out = self.background("(bg, s) => bg.QuoteTrail.settings.save(s)", settings)
        assert "ok" in out, out

    def click_button(self, handle: str, url: str = ""):
        """Press the add-on's toolbar button on tab `handle`, the reader's way: Firefox then grants
        the add-on that tab (activeTab) and fires action.onClicked."""
        self.client.switch_to_window(handle)
        with self.client.using_context("chrome"):
            self.client.execute_script(
                """const id = arguments[0];
                   if (!document.getElementById(id)) CustomizableUI.addWidgetToArea(id, CustomizableUI.AREA_NAVBAR);
                   const node = document.getElementById(id);
                   (node.querySelector('.unified-extensions-item-action-button') || node).click();""",
                script_args=[ACTION_WIDGET])

    def wait_for(self, script: str, *args, timeout: float = 15):
        """Wait until `script` (a function) returns something true in the current tab."""
        end = time.monotonic() + timeout
        while True:
            value = self.js(script, *args)
            if value:
                return value
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {script}")
            time.sleep(0.1)

    # --- input ------------------------------------------------------------------------------
    def move_to(self, x: float, y: float):
        self.client.actions.sequence("pointer", "mouse", {"pointerType": "mouse"}) \
            .pointer_move(int(x), int(y)).perform()

    def press(self, key: str):
        self.client.actions.sequence("key", "keyboard").key_down(key).key_up(key).perform()
