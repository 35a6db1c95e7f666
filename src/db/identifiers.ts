/** A table's or column's name as SQL text: in double quotes, a double quote in it doubled. */
export const quotedIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`
