// Saving a card with Stripe: the patron types it into Stripe's own field (an iframe from Stripe, so
// the number never reaches this site), Stripe.js confirms a SetupIntent we create for them (their
// bank may ask them to authenticate once), and the form then sends only the SetupIntent's id; the
// server asks Stripe what was saved.
import { csrfHeaders, loadStripe } from './stripe-loader.js';

const form = document.getElementById('stripe-card-form');
if (form) {
  start(form);
}

async function start(form) {
  const problem = document.getElementById('card-errors');
  const button = form.querySelector('button[type=submit]');
  const say = (message) => {
    problem.textContent = message || '';
    problem.hidden = !message;
  };

  let stripe;
  try {
    stripe = await loadStripe(form.dataset.publishableKey);
  } catch (e) {
    say('The secure card form could not be loaded. Check your connection and reload the page.');
    return;
  }
  const card = stripe.elements().create('card');
  card.mount('#card-element');
  card.on('change', (event) => say(event.error ? event.error.message : ''));
  button.disabled = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    say('');
    try {
      const response = await fetch(form.dataset.setupUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { ...csrfHeaders(), Accept: 'application/json' },
      });
      if (!response.ok) {
        throw new Error('The card could not be set up just now. Try again in a minute.');
      }
      const { clientSecret } = await response.json();
      const result = await stripe.confirmCardSetup(clientSecret, { payment_method: { card } });
      if (result.error) {
        say(result.error.message);
        button.disabled = false;
        return;
      }
      form.elements.setupIntent.value = result.setupIntent.id;
      form.submit(); // a plain submit: no submit event, so this handler doesn't run again
    } catch (e) {
      say(e.message);
      button.disabled = false;
    }
  });
}
