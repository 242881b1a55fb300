#pragma once
// Airing times and birthdays: the weekly schedule, birthdays of the day and of the month, their
// iCalendar subscriptions (site-wide, per show, birthdays) and /api/v1/schedule.
#include "http/router.hpp"
#include "render/theme.hpp"
#include "site/reader_site.hpp"

namespace kpress {

class Store;
class SiteContextCache;
struct SiteContext;
struct PageMeta;

class ScheduleSite {
 public:
  ScheduleSite(const Store& store, const SiteContextCache& contexts, const Theme& theme, ReaderSiteOptions options);
  void add_routes(http::Router& router) const;

 private:
  // Pages and calendars in each language edition.
  http::Response schedule(const http::Request& req, const Edition& edition) const;
  http::Response birthdays(const http::Request& req, const Edition& edition) const;
  http::Response site_calendar(const Edition& edition) const;
  http::Response show_calendar(std::string_view slug, const Edition& edition) const;
  http::Response birthday_calendar(const Edition& edition) const;
  http::Response api(const http::Request& req) const;

  const Store& store_;
  const SiteContextCache& contexts_;
  const Theme& theme_;
  ReaderSiteOptions options_;
};

}  // namespace kpress
