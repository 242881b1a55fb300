// The media library: upload (multipart form, processed by libvips), the list of images with
// the address to use in articles, and their alt text and credit.
#include "admin/admin_site.hpp"
#include "media/media_library.hpp"
#include "core/numbers.hpp"
#include "http/multipart.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

http::Response AdminSite::media_page(const SignedIn& who, const std::string& error, Status status, std::string notice) const {
  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  TemplateData items{TemplateData::type::list};
  for (const auto& m : store_.media_items(60, 0)) {
    TemplateData item;
    item.set("id", std::to_string(m.id));
    item.set("url", m.url());
    auto sizes = derivative_sizes(m.size);
    item.set("thumbnail", library_url(m.id, sizes.front()));
    item.set("name", m.original_name);
    item.set("size", std::to_string(m.size.width) + " × " + std::to_string(m.size.height));
    item.set("alt", m.alt);
    item.set("credit", m.credit);
    item.set("complete", !m.alt.empty() && !m.credit.empty());
    item.set("at", time_view(m.uploaded_at, *context, speech.language));
    items.push_back(std::move(item));
  }
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("items", std::move(items));
  set_text(data, "error", error);
  set_text(data, "notice", notice);
  data.set("max_mb", std::to_string(kMaxUploadBytes / (1024 * 1024)));
  return page(&who, "media", std::move(data), speech.text("Media library"), status);
}

http::Response AdminSite::media(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  std::string uploaded = query_value(req.target(), "uploaded");
  return media_page(who, "", Status::ok,
                    uploaded.empty() ? "" : speech_of(&who).text("Image {number} added.", {{"number", uploaded.substr(0, 20)}}));
}

http::Response AdminSite::upload_media(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  auto parts = http::parse_multipart(req[http::Field::content_type], req.body());
  if (!parts) return media_page(who, speech.text("Send the image with the upload form (multipart/form-data)."), Status::bad_request);
  std::string csrf, alt, credit;
  const http::FormPart* file = nullptr;
  for (const auto& p : *parts) {
    if (p.name == "csrf") csrf = p.data;
    else if (p.name == "alt") alt = p.data;
    else if (p.name == "credit") credit = p.data;
    else if (p.name == "file") file = &p;
  }
  if (!sessions_.csrf_valid(who, csrf))
    return refused(who, speech.text("This form has expired or does not come from this site (its CSRF token is missing or invalid). "
                                    "Reload the page and try again."));
  if (!file || file->data.empty()) return media_page(who, speech.text("file: choose an image to send."), Status::unprocessable_entity);
  if (alt.size() > 1000 || credit.size() > 300)
    return media_page(who, speech.text("alt, credit: an alternative text has at most 1,000 bytes, a credit 300."),
                      Status::unprocessable_entity);
  auto processed = process_upload(file->data);
  if (!processed.error.empty()) {
    Status status = file->data.size() > kMaxUploadBytes ? Status::payload_too_large : Status::unprocessable_entity;
    return media_page(who,
                      speech.text("file ({name}): {problem}", {{"name", file->filename.substr(0, 100)},
                                                               {"problem", speech.text(processed.error.id, {{"value", processed.error.value}})}}),
                      status);
  }
  MediaItem item;
  item.original_name = file->filename.substr(0, 200);
  item.format = processed.format;
  item.size = processed.size;
  item.bytes = static_cast<std::int64_t>(file->data.size());
  item.alt = alt;
  item.credit = credit;
  item.uploaded_by = who.user.id;
  item.uploaded_at = sessions_.options().clock();
  auto tx = store_.begin_write();
  item = add_to_library(*tx, folders_, item, processed, file->data);
  tx->append_audit(audit_entry(who.actor(), item.uploaded_at, "media.upload", "media:" + std::to_string(item.id),
                               item.original_name + ", " + std::to_string(item.size.width) + "x" + std::to_string(item.size.height)));
  tx->commit();
  return see_other("/admin/media?uploaded=" + std::to_string(item.id));
}

http::Response AdminSite::change_media(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  auto id = parse_whole_number(std::string(params.get("id")));
  auto item = id ? store_.media(*id) : std::nullopt;
  auto form = request_form(req);
  Speech speech = speech_of(&who);
  if (!item || !form) return media_page(who, speech.text("This image does not exist."), Status::not_found);
  item->alt = form->get("alt");
  item->credit = form->get("credit");
  if (item->alt.size() > 1000 || item->credit.size() > 300)
    return media_page(who, speech.text("alt, credit: an alternative text has at most 1,000 bytes, a credit 300."),
                      Status::unprocessable_entity);
  auto tx = store_.begin_write();
  tx->save_media(*item);
  tx->append_audit(audit_entry(who.actor(), sessions_.options().clock(), "media.change", "media:" + std::to_string(item->id)));
  tx->commit();
  return media_page(who, "", Status::ok, speech.text("Image {number} saved.", {{"number", std::to_string(item->id)}}));
}

}  // namespace kpress
