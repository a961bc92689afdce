/** The studio's JSON files as written: one space of indent, a final newline. */
export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;
