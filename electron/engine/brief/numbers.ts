/** Numbers as writers type them: "12", "10,000", "twelve", "fifty-two", "3rd", "third", "XII". */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, hundred: 100, dozen: 12, a: 1, an: 1,
};

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50,
  other: 2,
};

/** Regex source matching one number token (digits, words, ordinals); used inside larger patterns. */
export const NUMBER_SRC =
  "(?:\\d[\\d,]*(?:\\.\\d+)?(?:st|nd|rd|th)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|dozen|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|other)";

export function parseNumber(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  const digits = /^(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?$/.exec(s);
  if (digits?.[1]) return Number(digits[1].replace(/,/g, ""));
  if (s in ORDINALS) return ORDINALS[s] ?? null;
  if (s in UNITS) return UNITS[s] ?? null;
  const compound = /^([a-z]+)-([a-z]+)$/.exec(s);
  if (compound?.[1] && compound[2]) {
    const tens = UNITS[compound[1]];
    const ones = UNITS[compound[2]] ?? ORDINALS[compound[2]];
    if (tens !== undefined && ones !== undefined) return tens + ones;
  }
  const roman = parseRoman(s);
  return roman;
}

export function parseRoman(s: string): number | null {
  if (!/^[ivxlc]+$/i.test(s)) return null;
  const v: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  const t = s.toLowerCase();
  for (let k = 0; k < t.length; k++) {
    const a = v[t[k]!]!;
    const b = k + 1 < t.length ? v[t[k + 1]!]! : 0;
    total += a < b ? -a : a;
  }
  return total;
}

export function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
    [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
  ];
  let out = "";
  let rest = n;
  for (const [value, sym] of table) while (rest >= value) { out += sym; rest -= value; }
  return out;
}
