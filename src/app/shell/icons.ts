/** The few SLDS-like utility icons the shell draws (inline SVG, decorative: labels live on the buttons). */
import { svg } from 'lit';

export const menuIcon = svg`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/></svg>`;

export const syncIcon = svg`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 4V1L8 5l4 4V6a6 6 0 0 1 5.2 9l1.5 1.5A8 8 0 0 0 12 4zm0 14a6 6 0 0 1-5.2-9L5.3 7.5A8 8 0 0 0 12 20v3l4-4-4-4z"/></svg>`;

export const offlineIcon = svg`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="M2.3 3.7 3.7 2.3l18 18-1.4 1.4-3.5-3.5A8 8 0 0 0 12 17a5 5 0 0 0-3.5 1.5L7 17a7 7 0 0 1 6.2-1.9l-2.2-2.2A10 10 0 0 0 4.2 15.7L2.8 14.3A12 12 0 0 1 8.7 11L6.4 8.7A15 15 0 0 0 1.4 12L0 10.6A17 17 0 0 1 4.9 7.2zM12 7a15 15 0 0 1 12 3.6l-1.4 1.4a13 13 0 0 0-7.5-3.3zM12 20l2-2a3 3 0 0 0-4 0z"/></svg>`;

export const closeIcon = svg`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="m6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z"/></svg>`;
