#include "site/error_page.hpp"

#include "render/theme.hpp"
#include "site/views.hpp"

namespace kpress {

using http::Status;

http::Response error_page(const SiteContext& context, const Theme& theme, Status status, std::string_view detail) {
  TemplateData page;
  page.set("status", std::to_string(static_cast<unsigned>(status)));
  std::string heading, message;
  switch (status) {
    case Status::not_found:
      heading = "Page introuvable";
      message = "Cette page n’existe pas ou n’est pas encore publiée. Vérifiez l’adresse ou repartez de l’accueil.";
      break;
    case Status::gone:
      heading = "Article retiré";
      message = "Cet article a été retiré par la rédaction et n’est plus disponible.";
      break;
    default:
      heading = "Demande invalide";
      message = "L’adresse demandée contient un paramètre invalide.";
  }
  page.set("heading", heading);
  page.set("message", detail.empty() ? message : std::string(detail));
  auto body = render_page(theme, context, "error", std::move(page), {.title = heading, .noindex = true});
  return http::make_response(status, std::move(body), "text/html; charset=utf-8");
}

}  // namespace kpress
