// The /docs page: Swagger UI over the app's own OpenAPI document (a file, not an inline script, so
// the Content-Security-Policy can forbid inline scripts).
window.ui = SwaggerUIBundle({
  url: new URL('openapi.json', document.baseURI).href,
  dom_id: '#swagger-ui',
  deepLinking: true,
  layout: 'BaseLayout',
  presets: [SwaggerUIBundle.presets.apis],
});
