#include "store/testing/faulty_connection.hpp"

#include "store/store.hpp"

namespace kpress::sql::testing {
namespace {

class FaultyStatement final : public PreparedStatement {
 public:
  FaultyStatement(PreparedStatement& inner, std::shared_ptr<Faults> faults, std::string sql)
      : inner_(inner), faults_(std::move(faults)), sql_(std::move(sql)) {}
  void bind_int64(int index, std::int64_t value) override { inner_.bind_int64(index, value); }
  void bind_text(int index, std::string_view value) override { inner_.bind_text(index, value); }
  void bind_null(int index) override { inner_.bind_null(index); }
  bool step() override {
    if (faults_->fails(sql_)) throw StoreUnavailable("injected fault: " + sql_.substr(0, 80));
    return inner_.step();
  }
  std::int64_t int64(int column) const override { return inner_.int64(column); }
  std::string text(int column) const override { return inner_.text(column); }
  bool is_null(int column) const override { return inner_.is_null(column); }
  int columns() const override { return inner_.columns(); }
  void reset() noexcept override { inner_.reset(); }

 private:
  PreparedStatement& inner_;
  std::shared_ptr<Faults> faults_;
  std::string sql_;
};

class FaultyConnection final : public Connection {
 public:
  FaultyConnection(std::unique_ptr<Connection> inner, std::shared_ptr<Faults> faults)
      : inner_(std::move(inner)), faults_(std::move(faults)) {}
  ~FaultyConnection() override { drop_statements(); }

  void exec(const std::string& sql) override {
    if (sql == "COMMIT" && in_write_ && faults_->take_commit_failure()) {
      inner_->exec("ROLLBACK");  // what a commit that fails leaves: nothing
      in_write_ = false;
      throw StoreError("injected fault: the commit failed");
    }
    if (faults_->fails(sql)) throw StoreUnavailable("injected fault: " + sql.substr(0, 80));
    if (sql == "COMMIT" || sql == "ROLLBACK") in_write_ = false;
    inner_->exec(sql);
  }
  std::int64_t changes() const override { return inner_->changes(); }
  bool has_table(std::string_view name) override { return inner_->has_table(name); }
  void begin_write() override {
    inner_->begin_write();
    in_write_ = true;
  }
  void begin_snapshot() override {
    if (faults_->fails("BEGIN")) throw StoreUnavailable("injected fault: BEGIN");
    inner_->begin_snapshot();
  }
  bool may_have_changed() override { return inner_->may_have_changed(); }
  bool broken() const override { return inner_->broken(); }
  void ids_taken(std::string_view table) override { inner_->ids_taken(table); }
  void announce_change() override { inner_->announce_change(); }
  void empty_tables(const std::string& tables) override { inner_->empty_tables(tables); }
  void gather_statistics() override { inner_->gather_statistics(); }
  void end_write() override { inner_->end_write(); }
  void give_back_memory() override { inner_->give_back_memory(); }

 protected:
  std::unique_ptr<PreparedStatement> make_statement(std::string_view sql) override {
    return std::make_unique<FaultyStatement>(inner_->prepared(sql), faults_, std::string(sql));
  }

 private:
  std::unique_ptr<Connection> inner_;
  std::shared_ptr<Faults> faults_;
  bool in_write_ = false;
};

}  // namespace

Connect faulty(Connect connect, std::shared_ptr<Faults> faults) {
  return [connect = std::move(connect), faults = std::move(faults)] {
    return std::make_unique<FaultyConnection>(connect(), faults);
  };
}

}  // namespace kpress::sql::testing
