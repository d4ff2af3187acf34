export interface ErrorDescription {
  status: number;
  title: string;
}

/** A module's error catalogue: each code with the HTTP status and title it answers with. */
export type ErrorCatalogue<C extends string> = { readonly [K in C]: ErrorDescription };
