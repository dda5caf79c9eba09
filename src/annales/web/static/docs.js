// Start Swagger UI from local files (no CDN), on our own OpenAPI description.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
