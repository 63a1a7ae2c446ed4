import { logIn, logOut } from './shop-session.js';

/**
 * Show the demo login (`#login`): the player picks a name, the shop's backend sets its session cookie, and the page
 * reloads as that player. `onError` reports a refused name.
 */
export function showLogin(onError: (message: string) => void): void {
  const form = document.querySelector<HTMLFormElement>('#login')!;
  const name = form.querySelector<HTMLInputElement>('#login-name')!;
  form.hidden = false;
  name.focus();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    logIn(name.value.trim()).then(
      () => location.reload(),
      (error: unknown) => onError(error instanceof Error ? error.message : String(error)),
    );
  });
}

/** Show who is logged in and a Log out button (`#logout`), which ends the session and reloads the page. */
export function showPlayer(playerId: string): void {
  document.querySelector('#player')!.textContent = playerId;
  const button = document.querySelector<HTMLButtonElement>('#logout')!;
  button.hidden = false;
  button.addEventListener('click', () => void logOut().finally(() => location.reload()));
}
