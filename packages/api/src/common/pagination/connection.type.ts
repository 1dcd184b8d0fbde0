import { Field, Int, ObjectType, type ClassType } from "type-graphql";

@ObjectType({ description: "Where a page sits in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field({ description: "True when more items follow this page." })
  hasNextPage!: boolean;

  @Field({ description: "True when items precede this page." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of the page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last item; pass it as `after` for the next page." })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for `Node`, named `<name>Connection` with `<name>Edge` edges. */
export function ConnectionType<T extends object>(Node: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class Edge {
    @Field({ description: "Opaque position of this item; pass it as `after` to continue after it." })
    cursor!: string;

    @Field(() => Node, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what} records.` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: "The items of this page with their cursors." })
    edges!: Edge[];

    @Field(() => [Node], { description: "The items of this page (same order as `edges`), for clients that need no cursors." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Cursors and whether more pages exist." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "Number of items in the whole list (all pages) matching the filters." })
    totalCount!: number;
  }

  return Connection;
}
