#include "store/sql/site_copy.hpp"

#include <algorithm>

#include "store/store.hpp"

namespace kpress::sql {
namespace {

struct Table {
  const char* name;
  const char* columns;
  const char* order;  // the order rows are copied in: the order they were made in
};

// In the order foreign keys need. Every column but SQLite's implicit rowid, which the order keeps.
constexpr Table kTables[] = {
    {"settings", "key, value", "key"},
    {"site_keys", "name, value", "name"},
    {"languages", "code, name, position", "code"},
    {"sections", "id, slug, name, description, position, parent", "id"},
    {"tags", "id, slug, name", "id"},
    {"authors", "id, slug, name, bio", "id"},
    {"users", "id, email, name, role, password_hash, author, created_at, disabled, language", "id"},
    {"articles",
     "id, slug, language, section_id, author_id, title, standfirst, body, hero_url, hero_alt, hero_credit, status, "
     "published_at, updated_at, source_site, source_url, source_author, translator, translation_of, revision, "
     "entity_links, entity_unlinks, created_by, redirect_to, trashed_at, source_revision, comments, kind, seo_title, "
     "seo_description",
     "id"},
    {"article_tags", "article_id, tag_id, position", "article_id, tag_id"},
    {"featured_stories", "language, article_id, position, until", "language, article_id"},
    {"article_revisions", "article_id, number, saved_at, snapshot, saved_by", "article_id, number"},
    {"networks", "id, slug, name", "id"},
    {"shows",
     "id, slug, title, original_title, network_id, genres, episode_count, first_air_date, last_air_date, synopsis, "
     "poster_url, status, slots, streaming, titles, schedule_changes",
     "id"},
    {"episodes", "show_id, number, airs_at, title", "show_id, number"},
    {"people", "id, slug, name, hangul_name, birth_date, occupations, bio", "id"},
    {"music_groups", "id, slug, name, hangul_name, debut_date, company, fandom", "id"},
    {"memberships", "group_id, person_id, stage_name, from_date, to_date", "group_id, person_id"},
    {"credits", "show_id, person_id, character, role, billing", "show_id, person_id, character"},
    {"aliases", "kind, entity_id, alias, folded, compact", "rowid"},
    {"article_entities", "article_id, kind, entity_id, source", "rowid"},
    {"reactions", "article_id, reader, reaction, at", "article_id, reader"},
    {"comments",
     "id, article_id, parent_id, kind, status, author_name, author_url, staff_user, email, email_key, notify_replies, "
     "browser_key, address_key, created_at, edited_at, reports, body, spam_score, trained_as",
     "id"},
    {"spam_words", "token, spam, ham", "token"},
    {"mail_unsubscribed", "email_key, at", "email_key"},
    {"import_origins", "origin, kind, source_id, target, fingerprint", "origin, kind, source_id"},
    {"redirects", "from_key, to_address, origin, created_at", "from_key"},
    {"sessions", "token_hash, user_id, created_at, expires_at, address", "token_hash"},
    {"audit_log", "id, at, user_id, actor, action, target, detail, address", "id"},
    {"autosaves", "article_id, user_id, saved_at, snapshot", "article_id, user_id"},
    {"media", "id, original_name, format, width, height, bytes, alt, credit, uploaded_by, uploaded_at", "id"},
    {"body_renderers", "renderer, adopted", "adopted"},
    {"rendered_bodies", "article_id, renderer, revision, html, about, entities", "article_id, renderer"},
};

// The one-row tables of versions and state, copied as they are.
constexpr Table kStates[] = {
    {"rendered_body_state", "links_version", ""},
    {"spam_filter", "id, spam_trained, ham_trained, caught, wrongly_caught, missed, rightly_passed", ""},
};

int column_count(const char* columns) { return 1 + static_cast<int>(std::count(columns, columns + std::char_traits<char>::length(columns), ',')); }

std::int64_t count(Connection& db, const char* table) {
  auto q = db.prepare("SELECT COUNT(*) FROM " + std::string(table));
  q.step();
  return q.int64(0);
}

// Rows go in a few dozen a statement: one round trip each to a server, not one a row.
constexpr int kRowsPerInsert = 64;

std::string insert_sql(const Table& t, int rows) {
  int columns = column_count(t.columns);
  std::string sql = "INSERT INTO " + std::string(t.name) + " (" + t.columns + ") VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (int c = 0; c < columns; ++c) sql += c ? ", ?" : "?";
    sql += ")";
  }
  return sql;
}

std::int64_t copy_table(Connection& from, Connection& to, const Table& t) {
  const int columns = column_count(t.columns);
  std::vector<std::optional<std::string>> pending;  // rows waiting, column by column
  std::int64_t rows = 0;
  auto flush = [&](int count) {
    if (count == 0) return;
    auto insert = to.prepare(insert_sql(t, count));
    for (int i = 0; i < count * columns; ++i) {
      const auto& v = pending[static_cast<std::size_t>(i)];
      if (v) insert.bind(i + 1, *v);
      else insert.bind_null(i + 1);
    }
    insert.run();
    pending.erase(pending.begin(), pending.begin() + count * columns);
  };
  auto read = from.prepare("SELECT " + std::string(t.columns) + " FROM " + t.name + " ORDER BY " + t.order);
  while (read.step()) {
    for (int c = 0; c < columns; ++c) pending.push_back(read.is_null(c) ? std::nullopt : std::optional(read.text(c)));
    if (++rows % kRowsPerInsert == 0) flush(kRowsPerInsert);
  }
  flush(static_cast<int>(rows % kRowsPerInsert));
  to.ids_taken(t.name);
  return rows;
}

}  // namespace

CopyReport copy_site(Connection& from, Connection& to, bool replace, const CopyProgress& progress) {
  CopyReport report;
  // What the source holds is read in one snapshot: a site being written to copies as it was.
  from.begin_snapshot();
  to.begin_write();
  try {
    std::int64_t articles = count(to, "articles"), users = count(to, "users"), settings = count(to, "settings");
    if (articles + users + settings > 0) {
      if (!replace)
        throw StoreError("the target already holds a site (" + std::to_string(articles) + " articles, " +
                         std::to_string(users) + " accounts): copy refuses to mix two sites; --replace empties it first");
      std::string all;
      for (const auto& t : kTables) all += (all.empty() ? "" : ", ") + std::string(t.name);
      to.empty_tables(all);
    }
    for (const auto& t : kTables) {
      CopiedTable copied{t.name, copy_table(from, to, t)};
      report.rows += copied.rows;
      if (progress) progress(copied);
      report.tables.push_back(std::move(copied));
    }
    for (const auto& s : kStates) {
      auto read = from.prepare("SELECT " + std::string(s.columns) + " FROM " + s.name);
      if (!read.step()) continue;
      to.exec("DELETE FROM " + std::string(s.name));
      auto write = to.prepare(insert_sql(s, 1));
      for (int c = 0; c < column_count(s.columns); ++c) write.bind(c + 1, read.text(c));
      write.run();
    }
    for (const auto& copied : report.tables) {
      auto there = count(to, copied.name.c_str());
      if (there != copied.rows)
        throw StoreError(copied.name + ": " + std::to_string(copied.rows) + " rows read, " + std::to_string(there) +
                         " in the target: nothing was copied");
    }
    to.commit();
    to.gather_statistics();
  } catch (...) {
    try {
      to.rollback();
    } catch (...) {  // the connection is gone: so is the transaction
    }
    try {
      from.rollback();
    } catch (...) {
    }
    throw;
  }
  from.commit();
  return report;
}

}  // namespace kpress::sql
