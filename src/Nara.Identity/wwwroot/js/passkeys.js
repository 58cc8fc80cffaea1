// Passkeys need the browser's WebAuthn API, so this is the one journey that needs JavaScript.
// Forms marked data-passkey stay hidden without it; every other way in works without.
(() => {
  for (const form of document.querySelectorAll('form[data-passkey]')) {
    const unavailable = form.querySelector('.passkey-unavailable');
    if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
      continue;
    }
    if (unavailable) unavailable.hidden = true;
    form.querySelector('button').hidden = false;
    form.addEventListener('submit', async (event) => {
      if (form.dataset.ready) return;
      event.preventDefault();
      const field = form.querySelector('input[name="CredentialJson"]');
      try {
        const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
        const response = await fetch(form.dataset.options, { method: 'POST', headers: { RequestVerificationToken: token }, credentials: 'same-origin' });
        const options = await response.json();
        const credential = form.dataset.passkey === 'create'
          ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
          : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        field.value = JSON.stringify(credential.toJSON());
      } catch {
        field.value = '';
      }
      form.dataset.ready = '1';
      form.submit();
    });
  }
})();
