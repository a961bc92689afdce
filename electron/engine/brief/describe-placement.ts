/** A placement in words: the shared describer (the studio shows the same words). */
export { describePlacement } from "../../shared/drafting/describe-placement";
