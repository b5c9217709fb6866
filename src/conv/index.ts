// frugal/conv: filled in by its issue; exports nothing yet.
export {};
