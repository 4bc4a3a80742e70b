/**
 * A bulk answer, `{"<field>":[item,…]}`, built as UTF-8 from text and from documents the projection threads
 * have already encoded. Copying those bytes into the answer costs the event loop far less than joining and
 * encoding megabytes of text (bench/RESULTS.md, "Register API").
 */
export class JsonListBytes {
  private readonly pieces: Uint8Array[] = [];
  private length = 0;
  /** Text not yet encoded: consecutive text pieces are encoded together. */
  private text: string;
  private items = 0;

  constructor(field: string) {
    this.text = `{${JSON.stringify(field)}:[`;
  }

  /** One item of the list, given as consecutive pieces of its JSON. */
  add(...pieces: (string | Uint8Array)[]): void {
    if (this.items++ > 0) this.text += ',';
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        this.text += piece;
      } else {
        this.flushText();
        this.push(piece);
      }
    }
  }

  /** The whole answer. */
  finish(): Buffer {
    this.text += ']}';
    this.flushText();
    return Buffer.concat(this.pieces, this.length);
  }

  private flushText(): void {
    if (this.text === '') return;
    this.push(Buffer.from(this.text));
    this.text = '';
  }

  private push(bytes: Uint8Array): void {
    this.pieces.push(bytes);
    this.length += bytes.length;
  }
}
