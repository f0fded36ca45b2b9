/**
 * Keeps a run of warnings of one kind from flooding the terminal: the source warns once per
 * purchase order it cannot find, say, and a sync can see hundreds. Warnings that differ only in
 * their numbers and ids ("... for shipment WEB-100263") are of one kind; the first few of a kind
 * are shown, the rest counted and told at the end. Errors are never held back.
 */
const SHOWN_PER_KIND = 3;

/** The warning with every word that holds a digit blanked: its kind. */
function kindOf(text: string): string {
  return text.replace(/[^\s,;:()'"]*\d[^\s,;:()'"]*/g, '…');
}

export class RepeatedWarnings {
  private readonly kinds = new Map<string, { example: string; seen: number }>();

  constructor(private readonly shownPerKind = SHOWN_PER_KIND) {}

  /** Whether to show this warning now. */
  admit(text: string): boolean {
    const kind = kindOf(text);
    const entry = this.kinds.get(kind) ?? { example: kind, seen: 0 };
    entry.seen++;
    this.kinds.set(kind, entry);
    return entry.seen <= this.shownPerKind;
  }

  /** One line per kind with warnings held back: how many, and what they look like. */
  summary(): string[] {
    return [...this.kinds.values()]
      .filter((k) => k.seen > this.shownPerKind)
      .map((k) => {
        const more = k.seen - this.shownPerKind;
        return `${more} more ${more === 1 ? 'warning' : 'warnings'} like "${k.example}" (--verbose shows every one)`;
      });
  }
}
