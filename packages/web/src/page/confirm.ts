// Asking before a delete, in the page's own <dialog>: modal, so nothing else takes a click meanwhile; Cancel has
// the focus, so Enter or Escape right away deletes nothing; the focus goes back where it was when it closes.

/** Shows `dialog` with `text`, and resolves true only if the person chose the button whose value is "delete". */
export function confirmDelete(dialog: HTMLDialogElement, text: string): Promise<boolean> {
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const line = dialog.querySelector('p');
  if (line) line.textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        // The element that opened it may be gone by now (its row re-rendered); then the focus stays put.
        if (returnTo?.isConnected) returnTo.focus();
        resolve(dialog.returnValue === 'delete');
      },
      { once: true },
    );
  });
}
