#include "notify/request_emails.hpp"

#include "core/time_format.hpp"
#include "notify/compose.hpp"

namespace dateline::notify {

mail::Message TemplateRequestMailer::Compose(const std::string& to, const std::string& subject,
                                             const std::string& name, render::View view) const {
  return ComposeEmail(templates_, config_, to, subject, name, std::move(view));
}

mail::Message TemplateRequestMailer::Received(const std::string& email,
                                              const std::string& full_name,
                                              const std::string& what) const {
  render::View v;
  v["name"] = full_name;
  v["what"] = what;
  return Compose(email, "We have your subscription request", "request_received", v);
}

mail::Message TemplateRequestMailer::Approved(const std::string& email,
                                              const std::string& full_name,
                                              const std::string& plan_name, int64_t until) const {
  render::View v;
  v["name"] = full_name;
  v["plan"] = plan_name;
  v["until"] = core::FormatHumanDateTime(until);
  return Compose(email, "Your subscription is ready", "request_approved", v);
}

mail::Message TemplateRequestMailer::Declined(const std::string& email,
                                              const std::string& full_name,
                                              const std::string& reason) const {
  render::View v;
  v["name"] = full_name;
  v["reason"] = reason;
  return Compose(email, "About your subscription request", "request_declined", v);
}

}  // namespace dateline::notify
