// frugal/prune: filled in by its issue; exports nothing yet.
export {};
