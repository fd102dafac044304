#include "engine/base/TimeZone.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <cctz/time_zone.h>

using namespace pipit;

TEST(TimeZone, CivilDaysRoundTrip)
{
    for (Int32 d = -800000; d < 800000; d += 7)
    {
        CivilDate c = TimeZone::civilFromDays(d);
        ASSERT_EQ(TimeZone::daysFromCivil(c.year, c.month, c.day), d);
    }
    EXPECT_EQ(TimeZone::daysFromCivil(1970, 1, 1), 0);
    EXPECT_EQ(TimeZone::daysFromCivil(2000, 3, 1), 11017);
    EXPECT_EQ(TimeZone::daysFromCivil(1900, 1, 1), -25567);
    EXPECT_EQ(TimeZone::daysFromCivil(2020, 13, 1), TimeZone::daysFromCivil(2021, 1, 1));
    CivilDate c = TimeZone::civilFromDays(-1);
    EXPECT_EQ(c.year, 1969);
    EXPECT_EQ(c.month, 12);
    EXPECT_EQ(c.day, 31);
}

TEST(TimeZone, DayOfWeekAndStarts)
{
    EXPECT_EQ(TimeZone::dayOfWeek(0), 4);           // 1970-01-01 was a Thursday
    Int32 d = TimeZone::daysFromCivil(2024, 5, 19); // Sunday
    EXPECT_EQ(TimeZone::dayOfWeek(d), 7);
    EXPECT_EQ(TimeZone::toMonday(d), TimeZone::daysFromCivil(2024, 5, 13));
    EXPECT_EQ(TimeZone::toStartOfMonth(d), TimeZone::daysFromCivil(2024, 5, 1));
    EXPECT_EQ(TimeZone::toStartOfQuarter(d), TimeZone::daysFromCivil(2024, 4, 1));
    EXPECT_EQ(TimeZone::toStartOfYear(d), TimeZone::daysFromCivil(2024, 1, 1));
    EXPECT_EQ(TimeZone::dayOfWeek(-1), 3);
    EXPECT_EQ(TimeZone::daysInMonth(2024, 2), 29);
    EXPECT_EQ(TimeZone::daysInMonth(1900, 2), 28);
    EXPECT_EQ(TimeZone::daysInMonth(2000, 2), 29);
}

TEST(TimeZone, UTC)
{
    const TimeZone & utc = TimeZone::utc();
    EXPECT_TRUE(utc.isUTC());
    EXPECT_EQ(&TimeZone::get("UTC"), &utc);
    Int64 t = 1700000000; // 2023-11-14 22:13:20
    CivilTime c = utc.toCivil(t);
    EXPECT_EQ(c.year, 2023);
    EXPECT_EQ(c.month, 11);
    EXPECT_EQ(c.day, 14);
    EXPECT_EQ(c.hour, 22);
    EXPECT_EQ(c.minute, 13);
    EXPECT_EQ(c.second, 20);
    EXPECT_EQ(c.day_of_week, 2);
    EXPECT_EQ(utc.fromCivil(2023, 11, 14, 22, 13, 20), t);
    EXPECT_EQ(utc.toDayNum(-1), -1);
    EXPECT_EQ(utc.toStartOfHour(t), 1699999200);
    EXPECT_EQ(utc.toStartOfDay(t), 1699920000);
    EXPECT_EQ(utc.toStartOfMinute(t), 1699999980);
}

TEST(TimeZone, UnknownZoneThrows)
{
    try
    {
        TimeZone::get("Mars/Olympus_Mons");
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::BAD_ARGUMENTS);
    }
    EXPECT_THROW(TimeZone::get(""), Exception);
}

TEST(TimeZone, MadridDST)
{
    const TimeZone & tz = TimeZone::get("Europe/Madrid");
    EXPECT_EQ(&tz, &TimeZone::get("Europe/Madrid"));
    EXPECT_FALSE(tz.isUTC());
    // 2024-03-31 01:00:00 UTC: clocks jump 02:00 -> 03:00 local.
    Int64 jump = 1711846800;
    EXPECT_EQ(tz.offsetAt(jump - 1), 3600);
    EXPECT_EQ(tz.offsetAt(jump), 7200);
    CivilTime before = tz.toCivil(jump - 1);
    EXPECT_EQ(before.hour, 1);
    EXPECT_EQ(before.minute, 59);
    CivilTime after = tz.toCivil(jump);
    EXPECT_EQ(after.hour, 3);
    EXPECT_EQ(after.minute, 0);
    EXPECT_EQ(tz.fromCivil(2024, 3, 31, 3, 0, 0), jump);
    EXPECT_EQ(tz.fromCivil(2024, 3, 31, 1, 59, 59), jump - 1);
    // Skipped local time 02:30 is read with the offset before the jump (= 03:30 after).
    EXPECT_EQ(tz.fromCivil(2024, 3, 31, 2, 30, 0), jump + 1800);
    // 2024-10-27 01:00:00 UTC: 03:00 -> 02:00; 02:30 happens twice, the first is chosen.
    Int64 back = 1729990800;
    EXPECT_EQ(tz.fromCivil(2024, 10, 27, 2, 30, 0), back - 1800);
    EXPECT_EQ(tz.toStartOfDay(jump + 3600 * 5), tz.fromCivil(2024, 3, 31));
    EXPECT_EQ(tz.toStartOfDay(jump + 3600 * 5), jump - 3600 * 2);
    EXPECT_EQ(tz.toDayNum(jump), TimeZone::daysFromCivil(2024, 3, 31));
}

TEST(TimeZone, MatchesCctzEverywhere)
{
    for (const char * name : {"America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Europe/Moscow", "Pacific/Chatham"})
    {
        const TimeZone & tz = TimeZone::get(name);
        cctz::time_zone ref;
        ASSERT_TRUE(cctz::load_time_zone(name, &ref));
        for (Int64 t = -2208988800LL; t < 4102444800LL; t += 86400 * 7 + 3607)
        {
            auto tp = cctz::time_point<cctz::seconds>(cctz::seconds(t));
            auto cs = cctz::convert(tp, ref);
            CivilTime c = tz.toCivil(t);
            ASSERT_EQ(c.year, cs.year()) << name << " " << t;
            ASSERT_EQ(c.month, cs.month()) << name << " " << t;
            ASSERT_EQ(c.day, cs.day()) << name << " " << t;
            ASSERT_EQ(c.hour, cs.hour()) << name << " " << t;
            ASSERT_EQ(c.minute, cs.minute()) << name << " " << t;
            ASSERT_EQ(tz.fromCivil(c.year, c.month, c.day, c.hour, c.minute, c.second) <= t, true);
        }
    }
}

TEST(TimeZone, FarOutsideTable)
{
    const TimeZone & tz = TimeZone::get("America/New_York");
    Int64 t = TimeZone::utc().fromCivil(2500, 7, 1, 12, 0, 0);
    EXPECT_EQ(tz.toCivil(t).hour, 8);
    EXPECT_EQ(tz.fromCivil(2500, 7, 1, 8, 0, 0), t);
    // Before the table (1900): local mean time of New York, -4:56:02.
    Int64 old = TimeZone::utc().fromCivil(1850, 1, 1, 12, 0, 0);
    EXPECT_EQ(tz.offsetAt(old), -17762);
    EXPECT_EQ(tz.fromCivil(1850, 1, 1, 7, 3, 58), old);
    EXPECT_EQ(tz.offsetAt(-2208988801LL), -18000); // the day just before the table (EST since 1883)
}

TEST(TimeZone, OffsetsMatchCctzAroundEveryTransition)
{
    for (const char * name :
         {"Europe/Madrid", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Sao_Paulo", "Africa/Casablanca"})
    {
        const TimeZone & tz = TimeZone::get(name);
        cctz::time_zone ref;
        ASSERT_TRUE(cctz::load_time_zone(name, &ref));
        auto reference = [&](Int64 t)
        {
            return Int64(ref.lookup(cctz::time_point<cctz::seconds>(cctz::seconds(t))).offset);
        };
        auto tp = cctz::time_point<cctz::seconds>(cctz::seconds(-2208988800LL)); // 1900
        cctz::time_zone::civil_transition trans;
        size_t transitions = 0;
        while (ref.next_transition(tp, &trans) && transitions < 2000)
        {
            Int64 when = trans.from - cctz::civil_second(1970, 1, 1, 0, 0, 0);
            // `from` is local time in the old offset, which is the offset in effect at `tp`.
            Int64 t = when - reference(tp.time_since_epoch().count());
            for (Int64 probe : {t - 3601, t - 1, t, t + 1, t + 3601})
                ASSERT_EQ(tz.offsetAt(probe), reference(probe)) << name << " at " << probe;
            tp = cctz::time_point<cctz::seconds>(cctz::seconds(t + 1));
            if (t > 4102444800LL) // 2100
                break;
            ++transitions;
        }
        EXPECT_GT(transitions, 0u) << name;
        for (Int64 t = -2208988800LL; t < 4102444800LL; t += 3600 * 13 + 17)
            ASSERT_EQ(tz.offsetAt(t), reference(t)) << name << " at " << t;
    }
}
