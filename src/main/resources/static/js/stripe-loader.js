// Stripe.js for the pages that need it (card form, bank authentication). It is always loaded from
// Stripe itself, as Stripe requires; the site's CSP allows it only when Stripe takes the payments.
const STRIPE_JS = 'https://js.stripe.com/v3/';

let loading = null;

/** A Stripe.js instance for this publishable key, loading the library once per page. */
export function loadStripe(publishableKey) {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      if (window.Stripe) {
        resolve(window.Stripe);
        return;
      }
      const script = document.createElement('script');
      script.src = STRIPE_JS;
      script.addEventListener('load', () =>
        window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not start.')));
      script.addEventListener('error', () => reject(new Error('Stripe.js could not be loaded.')));
      document.head.appendChild(script);
    });
  }
  return loading.then((Stripe) => Stripe(publishableKey));
}

/** The CSRF header every page carries for htmx (on <body hx-headers>), for our own fetches. */
export function csrfHeaders() {
  try {
    return JSON.parse(document.body.getAttribute('hx-headers') || '{}');
  } catch (e) {
    return {};
  }
}

/** Only a path on this site: a return address must never lead elsewhere. */
export function sameOrigin(url, fallback) {
  try {
    const target = new URL(url, window.location.href);
    return target.origin === window.location.origin ? target.href : fallback;
  } catch (e) {
    return fallback;
  }
}
