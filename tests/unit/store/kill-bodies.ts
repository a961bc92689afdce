/** Unit bodies for the kill test: every version differs in length and content, so a torn mix of two is detectable. */
const PARAGRAPH = "Mara walked the salt road at dusk, counting the cairns, and the gulls followed her home. ";

export function bodyForVersion(n: number): string {
  const paragraphs = 200 + ((n * 7919) % 1800); // about 18 KB to 180 KB
  let out = `version ${n}\n\n`;
  for (let i = 0; i < paragraphs; i++) out += `${n}:${i} ${PARAGRAPH}\n\n`;
  return out;
}

export function versionOfBody(body: string): number {
  const m = /^version (\d+)\n/.exec(body);
  return m ? Number(m[1]) : 0;
}
