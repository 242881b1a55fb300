#include "site/error_page.hpp"

#include "render/theme.hpp"
#include "site/views.hpp"

namespace kpress {

using http::Status;

http::Response error_page(const SiteContext& context, const Theme& theme, Status status, std::string_view detail,
                          std::string_view language) {
  Speech speech = speech_in(theme, language.empty() ? std::string_view(context.site.default_language) : language);
  TemplateData page;
  page.set("status", std::to_string(static_cast<unsigned>(status)));
  std::string heading, message;
  switch (status) {
    case Status::not_found:
      heading = speech.text("Page not found");
      message = speech.text("This page does not exist or is not published yet. Check the address or start again from the home page.");
      break;
    case Status::gone:
      heading = speech.text("Article withdrawn");
      message = speech.text("This article was withdrawn by the newsroom and is no longer available.");
      break;
    default:
      heading = speech.text("Invalid request");
      message = speech.text("The address asked for holds an invalid parameter.");
  }
  page.set("heading", heading);
  page.set("message", detail.empty() ? message : std::string(detail));
  PageMeta meta{.title = heading, .noindex = true};
  meta.language = speech.language;
  auto body = render_page(theme, context, "error", std::move(page), meta);
  return http::make_response(status, std::move(body), "text/html; charset=utf-8");
}

}  // namespace kpress
