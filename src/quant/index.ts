// frugal/quant: filled in by its issue; exports nothing yet.
export {};
