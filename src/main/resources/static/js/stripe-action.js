// A charge waiting for the patron's bank (3-D Secure): the billing page renders
// <div id="stripe-action" data-publishable-key data-client-secret data-return-url> and this script.
// Stripe.js shows the bank's check; whatever the patron does there, we go back to the return page,
// which asks the gateway what became of the charge (the outcome is never taken from the browser).
import { loadStripe, sameOrigin } from './stripe-loader.js';

const box = document.getElementById('stripe-action');
if (box) {
  authenticate(box);
}

async function authenticate(box) {
  const { publishableKey, clientSecret, returnUrl } = box.dataset;
  const back = sameOrigin(returnUrl, '/settings/billing');
  const say = (message) => {
    const status = document.createElement('p');
    status.setAttribute('role', 'status');
    status.textContent = message;
    box.replaceChildren(status);
  };

  let stripe;
  try {
    stripe = await loadStripe(publishableKey);
  } catch (e) {
    say('Your bank’s check could not be loaded. Check your connection and reload the page.');
    return;
  }
  say('Opening your bank’s check…');
  try {
    const { paymentIntent, error } = await stripe.retrievePaymentIntent(clientSecret);
    if (error) {
      throw error;
    }
    let result = null;
    if (paymentIntent.status === 'requires_action') {
      result = await stripe.handleNextAction({ clientSecret });
    } else if (paymentIntent.status === 'requires_confirmation') {
      result = await stripe.confirmCardPayment(clientSecret);
    } else if (paymentIntent.status === 'requires_payment_method') {
      // an off-session charge the bank refused without the patron: confirm it again with them here
      const method = paymentIntent.last_payment_error && paymentIntent.last_payment_error.payment_method;
      result = await stripe.confirmCardPayment(clientSecret, method ? { payment_method: method.id } : undefined);
    }
    if (result && result.error) {
      say(result.error.message + ' Taking you back…');
    }
  } catch (e) {
    say((e && e.message ? e.message : 'The check did not complete.') + ' Taking you back…');
  }
  window.location.assign(back);
}
