// Types for the three validators the node tests use that ship none (and have no @types package installed):
// only the members the tests call, so a misuse is a type error rather than an `any`.

declare module 'jsonld' {
  const jsonld: {
    toRDF(input: object, options: { base?: string; format: 'application/n-quads' }): Promise<string>;
  };
  export default jsonld;
}

declare module 'n3' {
  import type { DatasetCore, Quad } from '@rdfjs/types';
  export class Parser {
    constructor(options?: { format?: string });
    parse(input: string): Quad[];
  }
  export class Store implements DatasetCore {
    constructor(quads?: Quad[]);
    readonly size: number;
    add(quad: Quad): this;
    delete(quad: Quad): this;
    has(quad: Quad): boolean;
    match(...args: Parameters<DatasetCore['match']>): DatasetCore;
    [Symbol.iterator](): Iterator<Quad>;
  }
}

declare module 'datapackage' {
  export class Resource {
    readonly name: string;
    /** The CSV's header row, once read. */
    readonly headers: string[];
    readonly descriptor: { schema: { fields: { name: string }[] } };
    /** The rows, cast to their types; rejects on the first cell, key or (with `relations`) foreign key that breaks the schema. */
    read(options?: { relations?: boolean }): Promise<unknown[][]>;
  }
  export class Package {
    static load(descriptor: object | string, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
    readonly valid: boolean;
    readonly errors: Error[];
    /** The descriptor as loaded, with the profile and defaults filled in. */
    readonly descriptor: { profile: string } & Record<string, unknown>;
    readonly resources: Resource[];
    getResource(name: string): Resource;
  }
}
