// The JavaScript globals the crawler reads in every frame once the page settled
// (crawler/globals-probe.ts) and the component catalog matches (extractor/components/):
// named once here, so the two cannot disagree. Each is a dotted path from the frame's
// window; a path reads only version strings and the presence of a library's own object,
// never a DOM element (a page's element ids are globals too, so paths go one property
// deeper than an id would: Drupal.behaviors, not Drupal).

export const GLOBAL_PROBES = [
  // Libraries that state their version
  'jQuery.fn.jquery', 'jQuery.ui.version', 'jQuery.migrateVersion', 'jQuery.fn.tooltip.Constructor.VERSION', 'jQuery.fancybox.version',
  'jQuery.fn.select2', 'jQuery.fn.slick', 'jQuery.fn.owlCarousel',
  'bootstrap.Tooltip.VERSION', 'React.version', 'Vue.version', '__VUE__', 'angular.version.full', 'Ember.VERSION', 'Backbone.VERSION',
  'ko.version', '_.VERSION', '_.flatMapDeep', '_.findWhere', 'moment.version', 'd3.version', 'Chart.version', 'THREE.REVISION',
  'Alpine.version', 'htmx.version', 'Prototype.Version', 'MooTools.version', 'YUI.version', 'Ext.versions.extjs.version',
  'Modernizr._version', 'gsap.version', 'axios.VERSION', 'Highcharts.version', 'L.version', 'L.Map', 'mapboxgl.version',
  'google.maps.version', '__core-js_shared__.versions.0.version', 'Handlebars.VERSION', 'Mustache.version', 'Raphael.version',
  'Hammer.VERSION', 'Dropzone.version', 'Sortable.version', 'CKEDITOR.version', 'tinymce.majorVersion', 'videojs.VERSION',
  'Hls.version', 'jwplayer.version', 'FontAwesome.config', 'pbjs.version', 'SockJS.version', 'firebase.SDK_VERSION',
  // Frameworks and applications
  'next.version', '__NEXT_DATA__.buildId', '__NUXT__', 'Shopify.shop', 'wp.i18n', 'Drupal.behaviors', 'Joomla.getOptions',
  'Webflow.require', 'Static.SQUARESPACE_CONTEXT', 'mw.config', 'Liferay.ThemeDisplay', 'M.cfg.wwwroot', 'rcmail.env',
  'grafanaBootData.settings.buildInfo.version',
  // Services
  'Sentry.SDK_VERSION', 'DD_RUM.version', 'NREUM.info', 'fbq.version', 'Matomo.getTracker', 'Cookiebot.consent',
  'grecaptcha.execute', 'hcaptcha.render', 'turnstile.render', 'paypal.version', 'Stripe.version',
  'googletag.apiReady', 'apstag.fetchBids', 'Typekit.load', 'YT.Player', 'twttr.widgets', 'DISQUS.reset',
] as const;

export type GlobalProbe = (typeof GLOBAL_PROBES)[number];

/** A string value is kept up to this length: versions are short, and a page can put megabytes in a global. */
export const MAX_GLOBAL_VALUE_CHARS = 100;
