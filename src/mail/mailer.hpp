#pragma once
// E-mail notices, sent through the SMTP server the site is configured with (libcurl speaks SMTP;
// GMime writes the message). Sending happens on a thread of its own: whoever asks for a message
// to go is never held up by the mail server, and a server that is down costs a log line, not a
// request. Without an SMTP setting nothing is sent, and `configured()` says so.
#include <optional>
#include <string>
#include <vector>

#include "core/batch_worker.hpp"
#include "core/time.hpp"

namespace kpress {

struct SmtpSettings {
  std::string url;   // smtp://HOST[:PORT] or smtps://HOST[:PORT]; empty: no e-mail
  std::string from;  // "K-Actu <noreply@k-actu.example>"
  std::string user;  // for servers that ask for a login
  std::string password;
};

struct MailMessage {
  std::string to;  // one address
  std::string subject;
  std::string text;  // plain text, UTF-8
  // Where the recipient stops these messages: sent as List-Unsubscribe, with RFC 8058's one-click
  // POST, besides the link the text carries.
  std::string unsubscribe_url;
};

// `message` as it goes over the wire: headers (the subject encoded for any language, no line
// break anywhere a header could be forged with) and a UTF-8 text body, lines ending in CRLF.
std::string mime_message(const MailMessage& message, const std::string& from, Instant date);

// The bare address of a From setting ("noreply@k-actu.example" of "K-Actu <noreply@...>"),
// empty when it holds no address.
std::string mailbox_address(const std::string& from);

class Mailer {
 public:
  // Throws std::invalid_argument when `settings` name a server without a valid From address.
  explicit Mailer(SmtpSettings settings, Clock clock = system_now);
  ~Mailer() = default;  // what is queued is sent first
  Mailer(const Mailer&) = delete;
  Mailer& operator=(const Mailer&) = delete;

  bool configured() const { return !settings_.url.empty(); }
  // The server messages go through ("smtp://mail.example:587"), without its login.
  const std::string& server() const { return settings_.url; }
  // Queued for sending (dropped when not configured, or when kMaxQueued wait already).
  void send(MailMessage message);

  static constexpr std::size_t kMaxQueued = 10000;

 private:
  bool deliver(const MailMessage& message) const;

  SmtpSettings settings_;
  std::string envelope_from_;
  Clock clock_;
  // One message at a time, by a thread of its own; none without a server.
  std::optional<BatchWorker<MailMessage>> sender_;  // last: stopped (what waits sent) first
};

}  // namespace kpress
