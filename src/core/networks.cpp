#include "core/networks.hpp"

#include <array>

namespace kpress {
namespace {

using A = std::string_view;
constexpr A kJtbc[] = {"jTBC", "JTBC TV", "제이티비씨"};
constexpr A kMbc[] = {"MBC TV", "문화방송", "Munhwa Broadcasting Corporation"};
constexpr A kKbs1[] = {"KBS 1TV", "KBS1TV", "KBS 1"};
constexpr A kKbs2[] = {"KBS 2TV", "KBS2TV", "KBS 2", "KBS", "한국방송공사"};
constexpr A kSbs[] = {"SBS TV", "서울방송", "Seoul Broadcasting System"};
constexpr A kTvn[] = {"tvN D"};
constexpr A kOcn[] = {"오씨엔"};
constexpr A kEna[] = {"ENA Drama", "이엔에이"};
constexpr A kChannelA[] = {"채널A", "채널 A"};
constexpr A kMbn[] = {"매일방송"};
constexpr A kTvChosun[] = {"TV조선", "TV CHOSUN"};
constexpr A kNetflix[] = {"넷플릭스"};
constexpr A kDisney[] = {"Disney Plus", "디즈니+"};
constexpr A kCoupang[] = {"쿠팡플레이"};
constexpr A kTving[] = {"티빙"};
constexpr A kWavve[] = {"웨이브"};
constexpr A kKakao[] = {"KakaoTV", "카카오TV", "Daum Kakao TV"};
constexpr A kViki[] = {"Rakuten Viki"};
constexpr A kNaver[] = {"Naver TV Cast", "Naver TVCast", "네이버TV"};
constexpr A kVlive[] = {"vLive", "VLIVE", "V LIVE"};
constexpr A kHulu[] = {"훌루"};
constexpr A kTooniverse[] = {"투니버스"};
constexpr A kGenie[] = {"지니TV"};

constexpr std::array<KnownNetwork, 23> kNetworks{{
    {"jtbc", "JTBC", kJtbc},
    {"mbc", "MBC", kMbc},
    {"kbs1", "KBS1", kKbs1},
    {"kbs2", "KBS2", kKbs2},
    {"sbs", "SBS", kSbs},
    {"tvn", "tvN", kTvn},
    {"ocn", "OCN", kOcn},
    {"ena", "ENA", kEna},
    {"channel-a", "Channel A", kChannelA},
    {"mbn", "MBN", kMbn},
    {"tv-chosun", "TV Chosun", kTvChosun},
    {"netflix", "Netflix", kNetflix, true},
    {"disney-plus", "Disney+", kDisney, true},
    {"coupang-play", "Coupang Play", kCoupang, true},
    {"tving", "TVING", kTving, true},
    {"wavve", "Wavve", kWavve, true},
    {"kakao-tv", "Kakao TV", kKakao, true},
    {"viki", "Viki", kViki, true},
    {"naver-tv", "Naver TV", kNaver, true},
    {"v-live", "V Live", kVlive, true},
    {"hulu", "Hulu", kHulu, true},
    {"tooniverse", "Tooniverse", kTooniverse},
    {"genie-tv", "Genie TV", kGenie},
}};

}  // namespace

std::span<const KnownNetwork> known_networks() {
  return kNetworks;
}

}  // namespace kpress
