import type { PhraseFamily } from './family.js'

export const pharma: PhraseFamily = {
  id: 'pharma',
  label: 'an online-pharmacy offer',
  phrases: [
    'buy|order|generic|cheap|cheapest|discount|purchase viagra|cialis|levitra|kamagra|tadalafil|sildenafil|tramadol|xanax|oxycodone|valium|adderall|ambien|phentermine|clonazepam|modafinil',
    'viagra|cialis|levitra|kamagra|tramadol|xanax|oxycodone online|without',
    'viagra|cialis|levitra|kamagra pills|pill',
    'online|canadian|mexican|cheap|discount pharmacy|drugstore without|cheap|discount',
    // Not "no" alone: "insulin from a Canadian pharmacy, no joke".
    'online|canadian|mexican|cheap|discount pharmacy|drugstore no prescription|rx',
    'cheap|discount|canadian|trusted|legit online pharmacy|drugstore',
    'male enhancement pills|pill|supplement|supplements',
    'penis enlargement|enlarger',
    'keto gummies|pills',
    'slimming pills|gummies',
    // French
    'acheter|achat|achetez|commander viagra|cialis|levitra|kamagra|tadalafil|sildenafil|tramadol|xanax',
    'viagra|cialis|levitra|kamagra|tadalafil|sildenafil|tramadol|xanax sans|pas|generique ordonnance|cher',
    'sans ordonnance livraison|discrete|rapide',
    'agrandir|agrandissement du|de penis',
    // Russian
    'купить виагру|сиалис|левитру|трамадол|дженерик',
    'виагра|сиалис|левитра без рецепта',
    'виагра|сиалис|левитра дешево|онлайн|купить',
    'увеличение члена|пениса',
    // Vietnamese: erection pills or aphrodisiacs cheap, as only their sellers call them.
    'thuốc cường|kích dương|dục chính? hãng? giá rẻ',
  ],
  // The opioid crisis in the news ("Purdue flooded Appalachia with oxycodone pills").
  withCue: [
    // Spanish and German: without a prescription, bought ("¿Viagra sin receta? La AEMPS alerta", "Viagra bald
    // rezeptfrei?"): news as much as offers.
    'viagra|cialis|levitra|kamagra sin receta',
    'compra|comprar|compre viagra|cialis|levitra|kamagra',
    'viagra|cialis|levitra|kamagra rezeptfrei|ohne',
    'viagra|cialis|levitra|kamagra kaufen|bestellen',
    // A drug's news: "Le Viagra, 25 ans après", "la vente de Viagra en ligne reste interdite", "naloxone is now
    // available over the counter, no prescription needed".
    'viagra|cialis|levitra|kamagra|tadalafil|sildenafil #',
    'viagra|cialis|levitra|kamagra|tadalafil|sildenafil|tramadol|xanax en ligne',
    'no|without prescription|rx needed|required',
    'tramadol|xanax|oxycodone pills|pill',
    // Counterfeit erection pills and aphrodisiacs are Vietnamese news ("Công an thu giữ thuốc cường dương giả").
    // Genuine ones too: readers tell each other to buy "thuốc chính hãng" at a pharmacy, not online.
    'thuốc cường dương',
    'thuốc kích dục',
    'thuốc tăng cường sinh lý',
  ],
  // Buying Viagra without a prescription, and its illegal sellers, are Korean news ("불법 비아그라 판매처 적발").
  unspacedWithCue: ['비아그라 구입', '비아그라 판매처', '비아그라구입', '시알리스 구입', '시알리스 판매처'],
}
