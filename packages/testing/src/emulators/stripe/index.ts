// The Stripe emulator: Stripe's Checkout API subset, a hosted page and signed webhooks on loopback
// (docs/channels/stripe.md). Every name carries "Stripe": @coinslot/testing/emulators re-exports all emulators.
export { startStripeEmulator, STRIPE_EMULATOR_API_VERSION } from './start-stripe-emulator.js';
export type { StripeEmulator, StripeEmulatorOptions } from './start-stripe-emulator.js';
export type { StripeControls } from './emulator-controls.js';
export { CHECKOUT_DECISIONS as STRIPE_CHECKOUT_DECISIONS } from './checkout-actions.js';
export type {
  CheckoutDecision as StripeCheckoutDecision,
  CheckoutStep as StripeCheckoutStep,
} from './checkout-actions.js';
export type { RefundRequest as StripeRefundRequest, DisputeRequest as StripeDisputeRequest } from './money-actions.js';
export { WebhookDeliveries as StripeWebhookDeliveries } from './webhook-deliveries.js';
export type {
  AttemptKind as StripeAttemptKind,
  DeliveryAttempt as StripeDeliveryAttempt,
  EventMatch as StripeEventMatch,
  ReleaseOrder as StripeReleaseOrder,
} from './webhook-deliveries.js';
export { stripeSignatureHeader } from './webhook-signature.js';
export { decodeFormParams as decodeStripeFormParams } from './form-params.js';
export type {
  CheckoutSessionObject as StripeCheckoutSessionObject,
  PaymentIntentObject as StripePaymentIntentObject,
  ChargeObject as StripeChargeObject,
  RefundObject as StripeRefundObject,
  DisputeObject as StripeDisputeObject,
  StripeEventObject,
  StripeObject,
} from './stripe-objects.js';
