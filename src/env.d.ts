/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Counter for unique ids of glossary and citation cards on one page. */
    cardCount?: number;
  }
}
