import type { PhraseFamily } from './family.js'

export const supportLine: PhraseFamily = {
  id: 'support-line',
  label: 'a fake customer-support line',
  phrases: [
    'support phone|telephone|contact number|numbers',
    'tech|technical support phone|number|helpline|hotline',
    'binance|coinbase|metamask|blockchain|paypal|cashapp|quickbooks|norton|mcafee|epson|gmail|yahoo|outlook customer|support|tech|technical service|care|support? number|phone|helpline|hotline',
    // French
    'numero|numeros du? service client|clients|assistance|support joignable|gratuit|vert|24h',
    'assistance technique|client|clients|clientele 24h|7j|disponible',
    'service client|clients|clientele joignable|disponible 24h|7j',
    // Russian
    'служба поддержки по номеру|телефону',
  ],
  // Embassies and ministries open toll-free numbers for families (a real one has its number: a cue).
  // Families of prisoners of war call a ministry's hotline ("горячая линия, телефон есть на сайте").
  // Readers warn of the fake lines too ("walaghai wanajifanya Safaricom customer care number"): a fake one gives
  // its number.
  withCue: [
    'toll free|tollfree number|numbers|helpline|phone',
    'горячая линия номер|телефон',
    'customer care|service|services|support helpline|hotline|number|numbers|phone|toll',
  ],
}
