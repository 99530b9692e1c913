import { lexicalTerms } from './lexical-terms';

/** BM25 term-frequency saturation. */
const K1 = 1.2;
/** BM25 length normalisation. */
const B = 0.75;

interface IndexedDocument {
  frequencies: Map<string, number>;
  length: number;
}

/**
 * A BM25 index over a fixed list of short documents (built once, ranked many times). `score` gives each
 * document's Okapi BM25 score (k1 1.2, b 0.75) for a query's distinct terms, in document order; a
 * document sharing no term with the query scores 0.
 */
export class Bm25Index {
  private readonly documents: IndexedDocument[];
  private readonly idf = new Map<string, number>();
  private readonly averageLength: number;

  /** Indexes `texts`; document `i` is `texts[i]`. */
  constructor(texts: readonly string[]) {
    this.documents = texts.map((text) => {
      const frequencies = new Map<string, number>();
      const terms = lexicalTerms(text);
      for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      return { frequencies, length: terms.length };
    });
    const total = this.documents.reduce((sum, document) => sum + document.length, 0);
    this.averageLength = this.documents.length > 0 ? total / this.documents.length || 1 : 1;
    const counts = new Map<string, number>();
    for (const document of this.documents) {
      for (const term of document.frequencies.keys()) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    const n = this.documents.length;
    for (const [term, df] of counts) this.idf.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }

  /** Each document's score for `query`, in document order. */
  score(query: string): number[] {
    const terms = new Set(lexicalTerms(query).filter((term) => this.idf.has(term)));
    return this.documents.map((document) => {
      let score = 0;
      const norm = K1 * (1 - B + (B * document.length) / this.averageLength);
      for (const term of terms) {
        const tf = document.frequencies.get(term);
        if (tf === undefined) continue;
        score += (this.idf.get(term) ?? 0) * ((tf * (K1 + 1)) / (tf + norm));
      }
      return score;
    });
  }
}
