/**
 * Pull-to-refresh as phones do it: a drag down that starts while the list is scrolled to its top moves a
 * spinner down with the finger (or the mouse / pen); released past the threshold it refreshes, short of it
 * it springs back. Touch comes through Touch events (pointer events of type 'touch' are ignored, so a
 * finger counts once); mouse and pen through pointer events with capture.
 */

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Finger travel (CSS px) past which a release refreshes. */
export const PULL_THRESHOLD_PX = 80;
/** Travel before a drag counts as a pull (and the click it ends in is swallowed). */
const SLOP_PX = 8;
/** The spinner follows the finger at this rate, up to MAX_OFFSET_PX. */
const RESISTANCE = 0.6;
const MAX_OFFSET_PX = 96;

export interface PullToRefreshOptions {
  /** The scrolling list: a pull starts only inside it and only while it is at its top. */
  readonly scroller: () => HTMLElement | null | undefined;
  readonly onRefresh: () => void;
  readonly threshold?: number;
}

export class PullToRefresh implements ReactiveController {
  /** Finger travel of the drag under way (0 when none). */
  distance = 0;
  readonly threshold: number;
  #startY: number | undefined;
  #pointerId: number | undefined;
  #pulled = false;
  readonly #element: HTMLElement;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: PullToRefreshOptions,
  ) {
    this.#element = host;
    this.threshold = options.threshold ?? PULL_THRESHOLD_PX;
    host.addController(this);
  }

  /** How far the spinner sits below its rest position. */
  get offset(): number {
    return Math.min(this.distance * RESISTANCE, MAX_OFFSET_PX);
  }

  /** True while a release would refresh. */
  get armed(): boolean {
    return this.distance >= this.threshold;
  }

  hostConnected(): void {
    const el = this.#element;
    el.addEventListener('touchstart', this.#onTouchStart, { passive: true });
    // Not passive: while pulling, the browser's own scroll / overscroll refresh must not run.
    el.addEventListener('touchmove', this.#onTouchMove, { passive: false });
    el.addEventListener('touchend', this.#onTouchEnd);
    el.addEventListener('touchcancel', this.#onCancel);
    el.addEventListener('pointerdown', this.#onPointerDown);
    el.addEventListener('pointermove', this.#onPointerMove);
    el.addEventListener('pointerup', this.#onPointerUp);
    el.addEventListener('pointercancel', this.#onCancel);
    el.addEventListener('click', this.#onClick, { capture: true });
  }

  hostDisconnected(): void {
    const el = this.#element;
    el.removeEventListener('touchstart', this.#onTouchStart);
    el.removeEventListener('touchmove', this.#onTouchMove);
    el.removeEventListener('touchend', this.#onTouchEnd);
    el.removeEventListener('touchcancel', this.#onCancel);
    el.removeEventListener('pointerdown', this.#onPointerDown);
    el.removeEventListener('pointermove', this.#onPointerMove);
    el.removeEventListener('pointerup', this.#onPointerUp);
    el.removeEventListener('pointercancel', this.#onCancel);
    el.removeEventListener('click', this.#onClick, { capture: true });
  }

  #canStart(event: Event): boolean {
    const scroller = this.options.scroller();
    if (!scroller || !event.composedPath().includes(scroller)) return false;
    // At the top of the list, and the list's top on screen (the page itself may scroll).
    return scroller.scrollTop <= 0 && scroller.getBoundingClientRect().top >= 0;
  }

  #start(y: number): void {
    this.#startY = y;
    this.#pulled = false;
    this.distance = 0;
  }

  /** Returns true when the move is a pull (the caller then stops the browser's own handling). */
  #move(y: number): boolean {
    if (this.#startY === undefined) return false;
    const distance = Math.max(0, y - this.#startY);
    if (distance > SLOP_PX) this.#pulled = true;
    if (distance !== this.distance) {
      this.distance = distance;
      this.host.requestUpdate();
    }
    return this.#pulled;
  }

  #end(): void {
    if (this.#startY === undefined) return;
    const refresh = this.armed;
    this.#startY = undefined;
    this.#pointerId = undefined;
    this.distance = 0;
    this.host.requestUpdate();
    if (refresh) this.options.onRefresh();
  }

  readonly #onTouchStart = (event: TouchEvent): void => {
    const touch = event.touches[0];
    if (event.touches.length !== 1 || !touch || !this.#canStart(event)) return;
    this.#start(touch.clientY);
  };

  readonly #onTouchMove = (event: TouchEvent): void => {
    const touch = event.touches[0];
    if (!touch) return;
    if (this.#move(touch.clientY) && event.cancelable) event.preventDefault();
  };

  readonly #onTouchEnd = (): void => this.#end();

  readonly #onCancel = (): void => {
    this.#startY = undefined;
    this.#pointerId = undefined;
    this.distance = 0;
    this.host.requestUpdate();
  };

  readonly #onPointerDown = (event: PointerEvent): void => {
    this.#pulled = false;
    if (event.pointerType === 'touch' || event.button !== 0 || !this.#canStart(event)) return;
    this.#pointerId = event.pointerId;
    this.#start(event.clientY);
  };

  readonly #onPointerMove = (event: PointerEvent): void => {
    if (event.pointerId !== this.#pointerId) return;
    if (this.#move(event.clientY) && !this.#element.hasPointerCapture(event.pointerId))
      this.#element.setPointerCapture(event.pointerId);
  };

  readonly #onPointerUp = (event: PointerEvent): void => {
    if (event.pointerId === this.#pointerId) this.#end();
  };

  /** A drag that became a pull does not also click the row it started on. */
  readonly #onClick = (event: MouseEvent): void => {
    const swallow = this.#pulled && event.detail > 0; // detail 0: Enter / Space on a focused row
    this.#pulled = false;
    if (!swallow) return;
    event.preventDefault();
    event.stopPropagation();
  };
}
