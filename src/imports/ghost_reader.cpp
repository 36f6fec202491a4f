#include "imports/ghost_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <map>

#include "core/text.hpp"
#include "core/time_format.hpp"

namespace dateline::imports {
namespace {

namespace json = boost::json;

std::string Str(const json::object& row, std::string_view key) {
  const json::value* v = row.if_contains(key);
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return "";
}

int64_t Int(const json::object& row, std::string_view key) {
  const json::value* v = row.if_contains(key);
  if (v && v->is_int64()) return v->as_int64();
  if (v && v->is_uint64()) return static_cast<int64_t>(v->as_uint64());
  return core::ParseInt64(Str(row, key)).value_or(0);
}

// "2023-05-01T10:00:00.000Z" (Ghost 1+) or epoch milliseconds (older exports).
int64_t Time(const json::object& row, std::string_view key) {
  const json::value* v = row.if_contains(key);
  if (!v || v->is_null()) return 0;
  if (v->is_int64() || v->is_uint64()) return Int(row, key) / 1000;
  std::string text = Str(row, key);
  size_t dot = text.find('.');
  if (dot != std::string::npos && !text.empty() && text.back() == 'Z') {
    text = text.substr(0, dot) + "Z";
  }
  return core::ParseIso8601(text).value_or(0);
}

const json::array* Table(const json::object& data, std::string_view name) {
  const json::value* v = data.if_contains(name);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

class GhostReader final : public SourceReader {
 public:
  GhostReader(json::value root, int64_t size) : root_(std::move(root)), size_(size) {}

  core::Result<void> Index() {
    const json::object* top = root_.if_object();
    const json::value* db = top ? top->if_contains("db") : nullptr;
    const json::object* entry = top;
    if (db && db->is_array() && !db->as_array().empty() && db->as_array()[0].is_object()) {
      entry = &db->as_array()[0].as_object();
    }
    const json::value* data = entry ? entry->if_contains("data") : nullptr;
    if (!data || !data->is_object() || !Table(data->as_object(), "posts")) {
      return core::Error::InvalidArgument(
          "this is not a Ghost export: expected {\"db\": [{\"meta\": ..., \"data\": "
          "{\"posts\": [...]}}]}, as Settings > Advanced > Export writes");
    }
    data_ = &data->as_object();
    if (const json::array* users = Table(*data_, "users")) {
      for (const auto& u : *users) {
        if (!u.is_object()) continue;
        const auto& row = u.as_object();
        authors_.push_back(SourceAuthor{Str(row, "id"), Str(row, "name"), Str(row, "email")});
      }
    }
    std::map<std::string, std::pair<std::string, bool>> tags;  // id -> (name, public)
    if (const json::array* rows = Table(*data_, "tags")) {
      for (const auto& t : *rows) {
        if (!t.is_object()) continue;
        const auto& row = t.as_object();
        std::string name = Str(row, "name");
        bool internal = Str(row, "visibility") == "internal" || name.rfind('#', 0) == 0;
        tags[Str(row, "id")] = {name, !internal};
      }
    }
    // Links of posts to tags and authors, in their sort order.
    auto links = [&](std::string_view table, std::string_view other,
                     std::map<std::string, std::vector<std::pair<int64_t, std::string>>>& out) {
      if (const json::array* rows = Table(*data_, table)) {
        for (const auto& r : *rows) {
          if (!r.is_object()) continue;
          const auto& row = r.as_object();
          out[Str(row, "post_id")].emplace_back(Int(row, "sort_order"), Str(row, other));
        }
      }
      for (auto& [post, list] : out) std::stable_sort(list.begin(), list.end());
    };
    std::map<std::string, std::vector<std::pair<int64_t, std::string>>> post_tags, post_authors;
    links("posts_tags", "tag_id", post_tags);
    links("posts_authors", "author_id", post_authors);
    for (auto& [post, list] : post_tags) {
      for (const auto& [order, tag] : list) {
        auto it = tags.find(tag);
        if (it != tags.end() && it->second.second) tag_names_[post].push_back(it->second.first);
      }
    }
    for (auto& [post, list] : post_authors) {
      for (const auto& [order, author] : list) author_ids_[post].push_back(author);
    }
    posts_ = Table(*data_, "posts");
    IndexMembers();
    return {};
  }

  // Ghost's member tables, when the export has them: members, their newsletters, and
  // their Stripe customers and subscriptions.
  void IndexMembers() {
    members_ = Table(*data_, "members");
    if (!members_) return;
    std::map<std::string, std::pair<std::string, std::string>> newsletters;  // id -> slug, name
    if (const json::array* rows = Table(*data_, "newsletters")) {
      for (const auto& r : *rows) {
        if (!r.is_object()) continue;
        const auto& row = r.as_object();
        newsletters[Str(row, "id")] = {Str(row, "slug"), Str(row, "name")};
      }
    }
    if (const json::array* rows = Table(*data_, "members_newsletters")) {
      for (const auto& r : *rows) {
        if (!r.is_object()) continue;
        const auto& row = r.as_object();
        auto it = newsletters.find(Str(row, "newsletter_id"));
        if (it != newsletters.end())
          member_newsletters_[Str(row, "member_id")].push_back(it->second);
      }
    }
    std::map<std::string, std::string> member_of_customer;
    if (const json::array* rows = Table(*data_, "members_stripe_customers")) {
      for (const auto& r : *rows) {
        if (!r.is_object()) continue;
        const auto& row = r.as_object();
        member_of_customer[Str(row, "customer_id")] = Str(row, "member_id");
      }
    }
    if (const json::array* rows = Table(*data_, "members_stripe_customers_subscriptions")) {
      for (const auto& r : *rows) {
        if (!r.is_object()) continue;
        const auto& row = r.as_object();
        SourcePaidSubscription s;
        s.id = Str(row, "subscription_id");
        s.customer_id = Str(row, "customer_id");
        s.price_id = Str(row, "stripe_price_id");
        s.status = Str(row, "status");
        s.current_period_end = Time(row, "current_period_end");
        const json::value* cancel = row.if_contains("cancel_at_period_end");
        s.cancel_at_period_end = cancel && ((cancel->is_bool() && cancel->as_bool()) ||
                                            (cancel->is_int64() && cancel->as_int64() != 0));
        auto member = member_of_customer.find(s.customer_id);
        if (member == member_of_customer.end()) {
          notes_.push_back({"subscription " + s.id, "skipped: no member has its customer"});
          continue;
        }
        member_subscriptions_[member->second].push_back(std::move(s));
      }
    }
  }

  std::optional<SourceMember> Member(const json::object& row) {
    SourceMember m;
    m.id = Str(row, "id");
    m.email = Str(row, "email");
    m.name = Str(row, "name");
    m.created_at = Time(row, "created_at");
    m.complimentary = Str(row, "status") == "comped";
    if (m.id.empty()) {
      notes_.push_back({"member " + m.email, "skipped: no id to know it by"});
      return std::nullopt;
    }
    if (auto it = member_newsletters_.find(m.id); it != member_newsletters_.end()) {
      m.newsletters = it->second;
    }
    if (auto it = member_subscriptions_.find(m.id); it != member_subscriptions_.end()) {
      m.subscriptions = it->second;
    }
    return m;
  }

  core::Result<std::optional<SourceItem>> Next() override {
    if (next_author_ < authors_.size()) return std::optional<SourceItem>(authors_[next_author_++]);
    while (next_post_ < posts_->size()) {
      const json::value& v = (*posts_)[next_post_++];
      read_ = size_ * static_cast<int64_t>(next_post_) / static_cast<int64_t>(posts_->size());
      if (!v.is_object()) continue;
      if (auto post = Post(v.as_object())) return std::optional<SourceItem>(std::move(*post));
    }
    while (members_ && next_member_ < members_->size()) {
      const json::value& v = (*members_)[next_member_++];
      if (!v.is_object()) continue;
      if (auto member = Member(v.as_object())) return std::optional<SourceItem>(std::move(*member));
    }
    read_ = size_;
    return std::optional<SourceItem>();
  }

  std::vector<SourceNote> TakeNotes() override {
    std::vector<SourceNote> out;
    out.swap(notes_);
    return out;
  }
  std::string SourceName() const override { return "ghost"; }
  int64_t BytesRead() const override { return read_; }
  int64_t BytesTotal() const override { return size_; }

 private:
  // Ghost writes its own address as __GHOST_URL__ so an export can move: here links and
  // images become addresses on this site (old ones redirect).
  static std::string Local(std::string text) {
    static constexpr std::string_view kPlaceholder = "__GHOST_URL__";
    for (size_t at; (at = text.find(kPlaceholder)) != std::string::npos;) {
      text.replace(at, kPlaceholder.size(), "");
    }
    return text;
  }

  std::optional<SourcePost> Post(const json::object& row) {
    SourcePost p;
    p.id = Str(row, "id");
    std::string where = "post " + (p.id.empty() ? "without an id" : p.id);
    p.title = Str(row, "title");
    std::string type = Str(row, "type");
    if (type.empty()) type = Int(row, "page") ? "page" : "post";
    if (type != "post") {
      notes_.push_back({where, fmt::format("skipped: a Ghost {} (\"{}\"), not a story", type,
                                           core::Trim(p.title))});
      return std::nullopt;
    }
    if (p.id.empty()) {
      notes_.push_back({where, "skipped: no id to know it by"});
      return std::nullopt;
    }
    std::string status = Str(row, "status");
    if (status == "published") {
      p.status = SourceStatus::kPublished;
    } else if (status == "scheduled") {
      p.status = SourceStatus::kScheduled;
    } else if (status == "draft") {
      p.status = SourceStatus::kDraft;
    } else {
      notes_.push_back({where, fmt::format("skipped: status \"{}\"", status)});
      return std::nullopt;
    }
    p.slug = Str(row, "slug");
    p.html = Local(Str(row, "html"));
    if (p.html.empty() && !Str(row, "plaintext").empty()) {
      p.html = core::EscapeMarkup(Str(row, "plaintext"));
      notes_.push_back({where, "no HTML in the export: its plain text came in"});
    }
    p.excerpt = Str(row, "custom_excerpt");
    p.published_at = Time(row, "published_at");
    p.modified_at = Time(row, "updated_at");
    p.feature_image = Local(Str(row, "feature_image"));
    std::string visibility = Str(row, "visibility");
    p.access = visibility == "members"                         ? "registered"
               : visibility == "paid" || visibility == "tiers" ? "subscribers"
                                                               : "free";
    auto authors = author_ids_.find(p.id);
    if (authors != author_ids_.end()) {
      p.author_keys = authors->second;
    } else if (!Str(row, "author_id").empty()) {
      p.author_keys.push_back(Str(row, "author_id"));  // before Ghost 1.22: one author
    }
    auto tags = tag_names_.find(p.id);
    if (tags != tag_names_.end()) {
      p.tags = tags->second;
      p.section = tags->second.front();  // Ghost's primary tag
    }
    if (p.status == SourceStatus::kPublished && !p.slug.empty()) {
      p.old_addresses.push_back("/" + p.slug + "/");
    }
    return p;
  }

  json::value root_;
  int64_t size_;
  int64_t read_ = 0;
  const json::object* data_ = nullptr;
  const json::array* posts_ = nullptr;
  const json::array* members_ = nullptr;
  size_t next_member_ = 0;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> member_newsletters_;
  std::map<std::string, std::vector<SourcePaidSubscription>> member_subscriptions_;
  std::vector<SourceItem> authors_;
  size_t next_author_ = 0;
  size_t next_post_ = 0;
  std::map<std::string, std::vector<std::string>> tag_names_;   // post id -> tag names
  std::map<std::string, std::vector<std::string>> author_ids_;  // post id -> user ids
  std::vector<SourceNote> notes_;
};

}  // namespace

core::Result<std::unique_ptr<SourceReader>> ReadGhostExport(const std::string& text) {
  int64_t size = static_cast<int64_t>(text.size());
  if (!core::IsValidUtf8(text)) {
    return core::Error::InvalidArgument(
        fmt::format("the file is not UTF-8 (at byte {}): Ghost writes UTF-8 JSON",
                    core::Utf8ErrorOffset(text)));
  }
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  json::value root = json::parse(text, ec, {}, options);
  if (ec) {
    return core::Error::InvalidArgument("the file is not JSON (" + ec.message() +
                                        "): is it Ghost's export?");
  }
  auto reader = std::make_unique<GhostReader>(std::move(root), size);
  DL_TRY(reader->Index());
  return std::unique_ptr<SourceReader>(std::move(reader));
}

core::Result<std::unique_ptr<SourceReader>> OpenGhostExport(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::InvalidArgument("cannot read " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ReadGhostExport(text);
}

}  // namespace dateline::imports
