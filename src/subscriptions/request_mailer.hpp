#pragma once
// The emails a subscription request causes. web/ implements it with the site's templates
// (the words and links belong to the site); the requests domain decides when to send.

#include <cstdint>
#include <string>

#include "mail/message.hpp"

namespace dateline::subscriptions {

class RequestMailer {
 public:
  virtual ~RequestMailer() = default;
  virtual mail::Message Received(const std::string& email, const std::string& full_name,
                                 const std::string& what) const = 0;
  virtual mail::Message Approved(const std::string& email, const std::string& full_name,
                                 const std::string& plan_name, int64_t until) const = 0;
  virtual mail::Message Declined(const std::string& email, const std::string& full_name,
                                 const std::string& reason) const = 0;
};

}  // namespace dateline::subscriptions
