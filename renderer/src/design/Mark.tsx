/** Quire's mark (the app icon's Q with a pen-stroke tail), drawn in the current text colour. */
export function Mark({ className = "mark" }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="currentColor" />
      <g transform="translate(3.2 3.2) scale(0.9)" className="mark-glyph">
        <path fillRule="evenodd" d="M30 8a21 21 0 1 1 0 42a21 21 0 1 1 0-42zm0 6.5a14.5 14.5 0 1 0 0 29a14.5 14.5 0 1 0 0-29z" />
        <path d="M29.5 33.5c3.2-2.6 6.2-2.2 8.8 0.4c5.2 5.2 10.4 12.2 18.2 21.6c-9.6-6.8-17.4-11.2-23.6-15.4c-2.9-2-4.6-4.2-3.4-6.6z" />
      </g>
    </svg>
  );
}
