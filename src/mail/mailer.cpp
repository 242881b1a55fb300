#include "mail/mailer.hpp"

#include <curl/curl.h>
#include <gmime/gmime.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "core/gobject_ptr.hpp"

namespace kpress {
namespace {

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// A header's value on one line: a line break in a name or a title would start a header of its own.
std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n' || c == '\t'; }, ' ');
  return out;
}

struct Upload {
  const std::string& bytes;
  std::size_t at = 0;
};

std::size_t read_upload(char* into, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->bytes.size() - upload->at);
  std::memcpy(into, upload->bytes.data() + upload->at, n);
  upload->at += n;
  return n;
}

}  // namespace

std::string mailbox_address(const std::string& from) {
  init_gmime();
  GPtr<InternetAddressList> list(internet_address_list_parse(nullptr, one_line(from).c_str()));
  if (!list || internet_address_list_length(list.get()) != 1) return {};
  auto* address = internet_address_list_get_address(list.get(), 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX(address)) return {};
  std::string addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
  return addr.find('@') == std::string::npos ? std::string() : addr;
}

std::string mime_message(const MailMessage& message, const std::string& from, Instant date) {
  init_gmime();
  GPtr<GMimeMessage> mime(g_mime_message_new(TRUE));
  GPtr<InternetAddressList> sender(internet_address_list_parse(nullptr, one_line(from).c_str()));
  if (sender) internet_address_list_append(g_mime_message_get_from(mime.get()), sender.get());
  g_mime_message_add_mailbox(mime.get(), GMIME_ADDRESS_TYPE_TO, "", one_line(message.to).c_str());
  g_mime_message_set_subject(mime.get(), one_line(message.subject).c_str(), "utf-8");
  std::unique_ptr<GDateTime, decltype(&g_date_time_unref)> when(
      g_date_time_new_from_unix_utc(date.time_since_epoch().count()), g_date_time_unref);
  g_mime_message_set_date(mime.get(), when.get());
  auto domain = mailbox_address(from);
  domain = domain.substr(domain.find('@') + 1);
  std::unique_ptr<char, decltype(&g_free)> id(g_mime_utils_generate_message_id(domain.c_str()), g_free);
  g_mime_message_set_message_id(mime.get(), id.get());
  auto* object = GMIME_OBJECT(mime.get());
  g_mime_object_set_header(object, "Auto-Submitted", "auto-generated", nullptr);
  if (!message.unsubscribe_url.empty()) {
    g_mime_object_set_header(object, "List-Unsubscribe", ("<" + one_line(message.unsubscribe_url) + ">").c_str(), nullptr);
    g_mime_object_set_header(object, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click", nullptr);
  }
  GPtr<GMimeTextPart> text(g_mime_text_part_new_with_subtype("plain"));
  g_mime_text_part_set_text(text.get(), message.text.c_str());
  g_mime_message_set_mime_part(mime.get(), GMIME_OBJECT(text.get()));
  std::unique_ptr<GMimeFormatOptions, decltype(&g_mime_format_options_free)> format(g_mime_format_options_new(),
                                                                                     g_mime_format_options_free);
  g_mime_format_options_set_newline_format(format.get(), GMIME_NEWLINE_FORMAT_DOS);
  std::unique_ptr<char, decltype(&g_free)> wire(g_mime_object_to_string(object, format.get()), g_free);
  return wire ? std::string(wire.get()) : std::string();
}

Mailer::Mailer(SmtpSettings settings, Clock clock) : settings_(std::move(settings)), clock_(std::move(clock)) {
  if (!configured()) return;
  envelope_from_ = mailbox_address(settings_.from);
  if (envelope_from_.empty())
    throw std::invalid_argument("the e-mail sender (smtp.from) must be an address, as \"Site <noreply@example.org>\"");
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!ready) throw std::runtime_error("libcurl could not start");
  sender_.emplace(1, [this](std::vector<MailMessage>& batch) {
    for (const auto& message : batch) deliver(message);
  }, kMaxQueued);
}

void Mailer::send(MailMessage message) {
  if (!sender_) return;
  std::string to = message.to;
  if (!sender_->push(std::move(message)))
    spdlog::warn("e-mail to {} not sent: {} messages already wait for the mail server", to, kMaxQueued);
}

bool Mailer::deliver(const MailMessage& message) const {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return false;
  std::string wire = mime_message(message, settings_.from, clock_());
  Upload upload{wire};
  std::string from = "<" + envelope_from_ + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> to(
      curl_slist_append(nullptr, ("<" + one_line(message.to) + ">").c_str()), curl_slist_free_all);
  curl_easy_setopt(curl.get(), CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  // STARTTLS when the server offers it; smtps:// is TLS from the start.
  curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!settings_.user.empty()) {
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, settings_.password.c_str());
  }
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, to.get());
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK) {
    spdlog::warn("e-mail to {} not sent through {}: {}", message.to, settings_.url, curl_easy_strerror(rc));
    return false;
  }
  return true;
}

}  // namespace kpress
