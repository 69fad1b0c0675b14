// Demo only: emulates browser privacy signals before Candor reads them (?gpc=1, ?dnt=1).
{
// Real visitors' browsers set navigator.globalPrivacyControl / navigator.doNotTrack themselves.
const params = new URLSearchParams(location.search);
if (params.get('gpc') === '1') Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
if (params.get('dnt') === '1') Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });
}
