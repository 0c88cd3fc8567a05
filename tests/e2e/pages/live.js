// A live blog: append(i) adds update i at the end of the article, as live pages do.
const UPDATES = [
  ['Harbour master Ivo Brandt', 'The harbour is closed to all boats until the morning'],
  ['Mayor Lea Torres', 'The sports hall is open for anyone who has to leave home'],
  ['Engineer Sam Okoro', 'Power should be back in most streets by midnight'],
  ['Nurse Ida Falk', 'The hospital has enough beds for tonight'],
  ['Driver Tom Hale', 'The coast road is blocked by fallen trees near the bridge'],
  ['Teacher Ana Moss', 'We will keep the school open as a shelter'],
];

window.append = (i) => {
  const [who, said] = UPDATES[i];
  const p = document.createElement("p");
  p.className = "update";
  p.textContent = `"${said}," ${who} said in an update posted ${i + 1} hours after the storm began to hit the coast.`;
  document.getElementById("updates").appendChild(p);
};
