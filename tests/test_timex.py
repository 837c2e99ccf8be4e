"""Tests of the English time-expression recogniser (eventwire.timex) and its MEANTIME scorer."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from eventwire.errors import ResourceError
from eventwire.records import value_to_date
from eventwire.settings import Settings
from eventwire.timex import TimexRecognizer, timex_to_json
from eventwire.timex.grammar import NAMED_GROUP
from eventwire.timex.normalise import HANDLERS
from eventwire.timex.recognizer import advance, first_accepted, load_resources, to_timex

MEANTIME = Path(__file__).resolve().parents[2] / "shared" / "data" / "meantime_apple"

A = dt.date(2024, 1, 15)  # a Monday (seed 001's publication date)
T = dt.date(2023, 12, 28)  # a Thursday (seed 004)
F = dt.date(2024, 2, 8)  # a Thursday (seed 000)
M = dt.date(2024, 3, 20)  # a Wednesday (seeds 002, 003)
W = dt.date(2024, 1, 17)  # a Wednesday
J = dt.date(2011, 1, 17)  # a Monday, early in a decade (MEANTIME's Steve Jobs leave article)
D = dt.date(2007, 1, 18)  # a Thursday (MEANTIME's Apple profits article)
B = dt.date(2006, 3, 28)  # a Tuesday (MEANTIME's Beatles trial article)

# (sentence, anchor, expression as found, type, value), past tense
CASES = [
    # absolute dates (months.tsv, rules.tsv numeric and calendar rules)
    ("The deal was signed on March 20, 2024.", A, "March 20, 2024", "DATE", "2024-03-20"),
    ("| @indiablooms | 20 Mar 2024, 05:12 pm", A, "20 Mar 2024, 05:12 pm", "TIME", "2024-03-20T17:12"),
    ("date 2024-03-20 report", A, "2024-03-20", "DATE", "2024-03-20"),
    ("Updated: 2024-01-15T10:42:00Z", A, "2024-01-15T10:42:00Z", "TIME", "2024-01-15T10:42"),
    ("It happened on 15/01/2024.", A, "15/01/2024", "DATE", "2024-01-15"),
    ("It happened on 03/04/2024.", A, "03/04/2024", "DATE", "2024-04-03"),
    ("It happened on 15.01.2024 in court.", A, "15.01.2024", "DATE", "2024-01-15"),
    ("It happened on 2024/03/20 in court.", A, "2024/03/20", "DATE", "2024-03-20"),
    ("It happened on 01/13/2024.", A, "01/13/2024", "DATE", "2024-01-13"),
    ("(@narendramodi) January 15, 2024", A, "January 15, 2024", "DATE", "2024-01-15"),
    ("They met on Jan. 15, 2024 in Delhi.", A, "Jan. 15, 2024", "DATE", "2024-01-15"),
    ("The law passed on Sept. 5, 2023.", A, "Sept. 5, 2023", "DATE", "2023-09-05"),
    ("Talks opened on 15 January 2024.", A, "15 January 2024", "DATE", "2024-01-15"),
    ("It ends on the 15th of January 2024.", A, "the 15th of January 2024", "DATE", "2024-01-15"),
    ("It began on the first of March 2023.", A, "the first of March 2023", "DATE", "2023-03-01"),
    ("Monday, January 15, 2024 - New Delhi", A, "Monday, January 15, 2024", "DATE", "2024-01-15"),
    ("9 : 53 AM , MON 22 JUL 2013", A, "MON 22 JUL 2013", "DATE", "2013-07-22"),
    ("July 27, 2024 10:42 (IST)", A, "July 27, 2024 10:42", "TIME", "2024-07-27T10:42"),
    ("Posted January 15 2024 by staff", A, "January 15 2024", "DATE", "2024-01-15"),
    ("Independence was declared on 4 July 1776.", A, "4 July 1776", "DATE", "1776-07-04"),
    ("Putin's visit to India in December 2010, the partnership", A, "December 2010", "DATE", "2010-12"),
    ('the Declaration" in October 2000 during', A, "October 2000", "DATE", "2000-10"),
    ("after the Ukraine war began in February 2022.", M, "February 2022", "DATE", "2022-02"),
    ("the 15th BRICS Summit in August 2022, now", A, "August 2022", "DATE", "2022-08"),
    ("Sanctions have applied since Dec 2010.", A, "Dec 2010", "DATE", "2010-12"),
    ("It was founded in late December 2010.", A, "late December 2010", "DATE", "2010-12"),
    # years and decades (triggers.tsv prep, conj, det, edge)
    ("The plant opened in 2010.", A, "2010", "DATE", "2010"),
    ("Fighting has continued since 2010.", A, "2010", "DATE", "2010"),
    ("Emissions must halve by 2030.", A, "2030", "DATE", "2030"),
    ("During 2023, trade grew.", A, "2023", "DATE", "2023"),
    ("As Russia has begun the 2024 BRICS chairmanship", A, "2024", "DATE", "2024"),
    ("Russia's 2024 chairmanship begins.", A, "2024", "DATE", "2024"),
    ("Elections were held in 2010 and 2012.", A, "2012", "DATE", "2012"),
    ("They hope to meet in the year 2025.", A, "the year 2025", "DATE", "2025"),
    ("Sales fell in early 2009.", A, "early 2009", "DATE", "2009"),
    ("to be released in mid-2011.", A, "mid-2011", "DATE", "2011"),
    ("troops will leave by the end of 2024.", A, "the end of 2024", "DATE", "2024"),
    ("Crime rose in the 1990s.", A, "the 1990s", "DATE", "199"),
    ("In the late 1970s, he ran a crew.", A, "the late 1970s", "DATE", "197"),
    ("in the mid-1960's he adopted a guise", A, "the mid-1960's", "DATE", "196"),
    ("Crime fell in the '90s.", A, "the '90s", "DATE", "199"),
    ("Flappers ruled the '20s.", A, "the '20s", "DATE", "192"),
    ("a mix of '50s glamour and '10s irony", A, "50s", "DATE", "195"),
    ("a mix of '50s glamour and '10s irony", A, "10s", "DATE", "201"),
    # a year after a name (triggers.tsv name; rules.tsv acronym)
    ("Apple unveils iPhone 4 at Worldwide Developers Conference 2010", A, "2010", "DATE", "2010"),
    ("Steve Jobs gives opening keynote to WWDC 2005", A, "2005", "DATE", "2005"),
    ("The goals of Vision 2030 were set.", A, "2030", "DATE", "2030"),
    # quarters (quarters.tsv) and fiscal years
    ("Profits rose in the fourth quarter of 2006.", A, "the fourth quarter of 2006", "DATE", "2006-Q4"),
    ("Profits rose in the last quarter of 2006.", A, "the last quarter of 2006", "DATE", "2006-Q4"),
    ("Sales in Q1 2024 beat forecasts.", A, "Q1 2024", "DATE", "2024-Q1"),
    ("Sales fell in Q2.", A, "Q2", "DATE", "2023-Q2"),
    ("profits during the last quarter, which ended December 30, 2006.", D, "the last quarter", "DATE", "2006-Q4"),
    ("Sales grew this quarter.", A, "this quarter", "DATE", "2024-Q1"),
    ("Sales grew in the previous quarter.", A, "the previous quarter", "DATE", "2023-Q4"),
    ("During the first quarter of the financial year Apple sold", A, "the first quarter of the financial year",
     "DATE", "FY2024-Q1"),
    ("Sales fell in the second fiscal quarter.", A, "the second fiscal quarter", "DATE", "FY2023-Q2"),
    ("Revenue for fiscal 2011 rose.", A, "fiscal 2011", "DATE", "FY2011"),
    ("Revenue for FY2011 rose.", A, "FY2011", "DATE", "FY2011"),
    ("Revenue for FY11 rose.", A, "FY11", "DATE", "FY2011"),
    ("the very beginning of the financial year marked a rise", D, "the very beginning of the financial year",
     "DATE", "FY2007"),
    ("Revenue fell in the last fiscal year.", A, "the last fiscal year", "DATE", "FY2023"),
    # seasons and holidays (seasons.tsv, holidays.tsv)
    ("The offensive of summer 2023 stalled.", A, "summer 2023", "DATE", "2023-SU"),
    ("In the fall of 1990, Bush said", A, "the fall of 1990", "DATE", "1990-FA"),
    ("He was killed last summer.", A, "last summer", "DATE", "2023-SU"),
    ("The talks resumed on Christmas Day 2023.", A, "Christmas Day 2023", "DATE", "2023-12-25"),
    ("The market stayed closed until Christmas.", A, "Christmas", "DATE", "2023-12-25"),
    # month and day without a year
    ('"On January 1, Russia was passed the baton', A, "January 1", "DATE", "2024-01-01"),
    ("Putin said in his remarks on January 2.", A, "January 2", "DATE", "2024-01-02"),
    ("New Delhi [India], January 15 : Prime Minister", A, "January 15", "DATE", "2024-01-15"),
    ("conversation with Vladimir Putin on Monday, Jan 15 discussing", F, "Monday, Jan 15", "DATE", "2024-01-15"),
    ("The ceasefire broke down on December 28.", A, "December 28", "DATE", "2023-12-28"),
    ("The vote is on February 20.", A, "February 20", "DATE", "2024-02-20"),
    ("The vote was held on March 5.", A, "March 5", "DATE", "2023-03-05"),
    ("He spoke on 15th January.", A, "15th January", "DATE", "2024-01-15"),
    ("December 14th the announcement was made", A, "December 14th", "DATE", "2023-12-14"),
    ("The summit opened on Tuesday, June 18.", A, "Tuesday, June 18", "DATE", "2024-06-18"),
    ("Protests began in mid-October.", A, "mid-October", "DATE", "2023-10"),
    ("It happened in early December.", A, "early December", "DATE", "2023-12"),
    ("At the end of July, a man was shot.", A, "the end of July", "DATE", "2023-07"),
    ("The strike started in December.", A, "December", "DATE", "2023-12"),
    ("The strike started in January.", A, "January", "DATE", "2024-01"),
    ("The strike started in February.", A, "February", "DATE", "2023-02"),
    ("The girl was killed last May in Albany.", A, "last May", "DATE", "2023-05"),
    ("He will host the ceremony next March.", A, "next March", "DATE", "2024-03"),
    ("A stoppage came last January.", A, "last January", "DATE", "2023-01"),
    ("outside his home this August as he left", A, "this August", "DATE", "2024-08"),
    # weekdays (weekdays.tsv) and parts of day (parts_of_day.tsv)
    ("Putin held a meeting on Wednesday evening with Jaishankar", T, "Wednesday evening", "TIME", "2023-12-27TEV"),
    ("Putin held a meeting on Wednesday with Jaishankar", T, "Wednesday", "DATE", "2023-12-27"),
    ("Modi on Wednesday congratulated Putin", M, "Wednesday", "DATE", "2024-03-20"),
    ("Putin secured a fifth term on Monday, as the commission", M, "Monday", "DATE", "2024-03-18"),
    ("The talks ended on Thursday.", T, "Thursday", "DATE", "2023-12-28"),
    ("The talks ended on Friday.", T, "Friday", "DATE", "2023-12-22"),
    ("Rebels attacked last Monday.", T, "last Monday", "DATE", "2023-12-25"),
    ("Rebels attacked last Thursday.", T, "last Thursday", "DATE", "2023-12-21"),
    ("Voting opens next Monday.", T, "next Monday", "DATE", "2024-01-01"),
    ("Voting opens next Thursday.", T, "next Thursday", "DATE", "2024-01-04"),
    ("He resigned this Monday.", T, "this Monday", "DATE", "2023-12-25"),
    ("Gray was killed on Saturday night.", T, "Saturday night", "TIME", "2023-12-23TNI"),
    ("The call came on Friday morning.", T, "Friday morning", "TIME", "2023-12-22TMO"),
    ("Troops moved in early Monday.", T, "early Monday", "DATE", "2023-12-25"),
    ("Polls closed Monday at 5 pm.", T, "Monday at 5 pm", "TIME", "2023-12-25T17:00"),
    ("The ministry said Tuesday that it would", A, "Tuesday", "DATE", "2024-01-09"),
    # the clause's tense (tense_cues.tsv)
    ("The trial is set to begin on Wednesday in the Royal Courts of Justice.", B, "Wednesday", "DATE",
     "2006-03-29"),
    ("The trial began on Wednesday in the Royal Courts of Justice.", B, "Wednesday", "DATE", "2006-03-22"),
    ("He said on Monday that talks will resume soon.", T, "Monday", "DATE", "2023-12-25"),
    ("On Friday, the leaders will meet.", T, "Friday", "DATE", "2023-12-29"),
    ("The leaders will meet on Monday and Tuesday.", T, "Tuesday", "DATE", "2024-01-02"),
    ("The vote is scheduled for March 5.", A, "March 5", "DATE", "2024-03-05"),
    ("Polls open in December, officials said, and results will come in January.", T, "January", "DATE",
     "2024-01"),
    ("Talks ended on Monday and will resume on Friday.", T, "Monday", "DATE", "2023-12-25"),
    # a day of the month alone
    ("The vote was held on the 5th.", A, "the 5th", "DATE", "2024-01-05"),
    ("The vote was held on the 20th, officials said.", A, "the 20th", "DATE", "2023-12-20"),
    ("The vote will be held on the 20th.", A, "the 20th", "DATE", "2024-01-20"),
    # relative days (relative_days.tsv)
    ("The discussion, which took place today focused on", F, "today", "DATE", "2024-02-08"),
    ("In a telephone conversation held today, the two leaders", A, "today", "DATE", "2024-01-15"),
    ("The minister arrived yesterday.", A, "yesterday", "DATE", "2024-01-14"),
    ("The minister leaves tomorrow.", A, "tomorrow", "DATE", "2024-01-16"),
    ("Crowds gathered tonight.", A, "tonight", "TIME", "2024-01-15TNI"),
    ("Police said this morning that", A, "this morning", "TIME", "2024-01-15TMO"),
    ("Shells fell last night on Kharkiv.", A, "last night", "TIME", "2024-01-14TNI"),
    ("The cabinet met yesterday morning.", A, "yesterday morning", "TIME", "2024-01-14TMO"),
    ("It rained the day before yesterday.", A, "the day before yesterday", "DATE", "2024-01-13"),
    ("It opens the day after tomorrow.", A, "the day after tomorrow", "DATE", "2024-01-17"),
    ("The court sits today at 10:30.", A, "today at 10:30", "TIME", "2024-01-15T10:30"),
    ("He said earlier today that", A, "earlier today", "DATE", "2024-01-15"),
    ("Today's talks were short.", A, "Today", "DATE", "2024-01-15"),
    ("have been shipping for more than a week now.", dt.date(2005, 5, 7), "now", "DATE", "2005-05-07"),
    ("The iPod nano is now smaller.", A, "now", "DATE", "PRESENT_REF"),
    # the story's own time (story.tsv)
    ("Protests began on 3 May 2010. The next day, police came.", A, "The next day", "DATE", "2010-05-04"),
    ("Protests began on 3 May 2010. Later that day, police came.", A, "Later that day", "DATE", "2010-05-03"),
    ("Protests began on 3 May 2010. That evening, police came.", A, "That evening", "TIME", "2010-05-03TEV"),
    ("It was built in 1935, the same year that farms came.", A, "the same year", "DATE", "1935"),
    ("It opened in September 2005 and closed the following month.", A, "the following month", "DATE", "2005-10"),
    ("He was fired on 12 April 2007 and came back the following week.", A, "the following week", "DATE",
     "2007-W16"),
    ("That day, nobody came.", A, "That day", "DATE", "XXXX-XX-XX"),
    ("The firm was founded in 1976. Two years later it moved.", A, "Two years later", "DATE", "1978"),
    ("He was fired on 11 April 2007, four days earlier.", A, "four days earlier", "DATE", "2007-04-07"),
    ("This morning, 41 years later, police made an arrest.", A, "41 years later", "DATE", "XXXX"),
    ("A few hours later, workers gathered.", A, "A few hours later", "DATE", "XXXX-XX-XX"),
    # weeks, months, years relative to the anchor (modifiers.tsv, units.tsv)
    ("Ministers met last week.", A, "last week", "DATE", "2024-W02"),
    ("Ministers meet this week.", A, "this week", "DATE", "2024-W03"),
    ("Ministers meet next week.", A, "next week", "DATE", "2024-W04"),
    ("Ministers met earlier this week.", A, "earlier this week", "DATE", "2024-W03"),
    ("Ministers met last week.", dt.date(2024, 1, 3), "last week", "DATE", "2023-W52"),
    ("He visited Delhi earlier this month.", A, "earlier this month", "DATE", "2024-01"),
    ("The strike began last month.", A, "last month", "DATE", "2023-12"),
    ("The strike begins next month.", T, "next month", "DATE", "2024-01"),
    ("Trade grew this year.", A, "this year", "DATE", "2024"),
    # weeks are ISO 8601 weeks (2006-03-28 is in 2006-W13; MEANTIME's gold says W14 here)
    ("Apple Computer in a London court this week, the third", B, "this week", "DATE", "2006-W13"),
    ("Trade grew last year.", A, "last year", "DATE", "2023"),
    ("Trade will grow next year.", A, "next year", "DATE", "2025"),
    ("a meeting would take place in the coming year at a date", T, "the coming year", "DATE", "2024"),
    ("An election is due later this year.", A, "later this year", "DATE", "2024"),
    ("An election is due early next year.", A, "early next year", "DATE", "2025"),
    ("Rebels advanced over the weekend.", A, "the weekend", "DATE", "2024-W02"),
    ("Rebels advanced last weekend.", A, "last weekend", "DATE", "2024-W02"),
    ("Troops will leave by the end of the year.", A, "the end of the year", "DATE", "2024"),
    ("Pay rises at the beginning of the month.", A, "the beginning of the month", "DATE", "2024-01"),
    ("Budgets for the current year are tight.", A, "the current year", "DATE", "2024"),
    # counted distances (numbers.tsv, units.tsv)
    ("The ship sank two days ago.", A, "two days ago", "DATE", "2024-01-13"),
    ("The ship sank a week ago.", A, "a week ago", "DATE", "2024-W02"),
    ("The ship sank three months ago.", A, "three months ago", "DATE", "2023-10"),
    ("The ship sank a year ago.", A, "a year ago", "DATE", "2023"),
    ("The ship sank two decades ago.", A, "two decades ago", "DATE", "2004"),
    ("The ship sank a few days ago.", A, "a few days ago", "DATE", "PAST_REF"),
    ("The ship sank years ago.", A, "years ago", "DATE", "PAST_REF"),
    ("What seems right 12 years from now", A, "12 years from now", "DATE", "2036"),
    ("The city was founded 1,000 years ago.", A, "1,000 years ago", "DATE", "1024"),
    # durations
    ("who is currently on an official four-day visit to Russia", T, "four-day", "DURATION", "P4D"),
    ("The visit lasted four days.", T, "four days", "DURATION", "P4D"),
    ("He stayed for three weeks.", A, "three weeks", "DURATION", "P3W"),
    ("They agreed a 30-day ceasefire.", A, "30-day", "DURATION", "P30D"),
    ("He lived there for the past two years.", A, "the past two years", "DURATION", "P2Y"),
    ("The change will occur within the next six months.", A, "the next six months", "DURATION", "P6M"),
    ("It was the third time in the past decade that", A, "the past decade", "DURATION", "P10Y"),
    ("It was the third time in the past decade that", J, "the past decade", "DATE", "200"),
    ("Prices rose over the past year.", A, "the past year", "DURATION", "P1Y"),
    ("the most photographed woman of the past century", dt.date(2010, 6, 8), "the past century", "DATE", "19"),
    ("Emissions must fall this decade.", A, "this decade", "DATE", "202"),
    ("Debt will rise over the next decade.", A, "next decade", "DATE", "203"),
    ("She is on leave for an undetermined period of time.", A, "an undetermined period of time", "DURATION",
     "PXD"),
    ("The leaders spoke for three hours.", A, "three hours", "DURATION", "PT3H"),
    ("He served twenty-one years.", A, "twenty-one years", "DURATION", "P21Y"),
    ("Talks took several months.", A, "several months", "DURATION", "PXM"),
    ("It ended a decades-long feud.", A, "decades-long", "DURATION", "PXY"),
    ("He was away for a fortnight.", A, "a fortnight", "DURATION", "P14D"),
    ("The fix was completed in two days.", A, "two days", "DURATION", "P2D"),
    ("The work took 1.5 years.", A, "1.5 years", "DURATION", "P1.5Y"),
    ("It took half a day.", A, "half a day", "DURATION", "P0.5D"),
    # sets (sets.tsv)
    ("The council meets every Monday.", A, "every Monday", "SET", "XXXX-WXX-1"),
    ("The report is published annually.", A, "annually", "SET", "P1Y"),
    ("Thousands die each year.", A, "each year", "SET", "P1Y"),
    ("Elections are held every two years.", A, "every two years", "SET", "P2Y"),
    ("The board meets twice a year.", A, "twice a year", "SET", "P1Y"),
    ("Protesters gather on Mondays.", A, "Mondays", "SET", "XXXX-WXX-1"),
    ("Patrols go out every morning.", A, "every morning", "SET", "XXXX-XX-XXTMO"),
    ("He spoke at the annual summit.", A, "annual", "SET", "P1Y"),
    ("They met three times a week.", A, "three times a week", "SET", "P1W"),
    ("The ministry holds daily briefings.", A, "daily", "SET", "P1D"),
    # vague references (vague.tsv): found, but no date
    ("to deepen the partnership in the years ahead.", M, "the years ahead", "DATE", "FUTURE_REF"),
    ("strengthening the partnership in the upcoming years.", M, "the upcoming years", "DATE", "FUTURE_REF"),
    ("Pirates have recently seized a tanker.", A, "recently", "DATE", "PAST_REF"),
    ("who is currently on an official visit", T, "currently", "DATE", "PRESENT_REF"),
    ("Attacks grew in recent years.", A, "recent years", "DATE", "PAST_REF"),
    ("telling people to call back at a later time, and", A, "a later time", "DATE", "XXXX-XX-XX"),
    ("took six months off in early 2009, later revealing a transplant", A, "later", "DATE", "XXXX-XX-XX"),
    ("He was booked and later released.", A, "later", "DATE", "XXXX-XX-XX"),
    ("if there ever came a day when I could no longer do it", A, "a day", "DATE", "FUTURE_REF"),
    ("There was a day when nobody knew him.", A, "a day", "DATE", "PAST_REF"),
    # clock times
    ("The polls close at 5 pm.", A, "5 pm", "TIME", "2024-01-15T17:00"),
    ("Firefighters came at 9:40 p.m. on Sunday.", A, "9:40 p.m.", "TIME", "2024-01-15T21:40"),
    ("The curfew starts at 12 am.", A, "12 am", "TIME", "2024-01-15T00:00"),
]

# (sentence, anchor, expression, type, value), future tense
FUTURE_CASES = [
    ("The leaders will meet on Wednesday.", T, "Wednesday", "DATE", "2024-01-03"),
    ("The leaders will meet on Wednesday.", M, "Wednesday", "DATE", "2024-03-27"),
    ("Talks will resume in January.", T, "January", "DATE", "2024-01"),
    ("Talks will resume in December.", T, "December", "DATE", "2023-12"),
    ("Talks will resume in February.", M, "February", "DATE", "2025-02"),
    ("Talks will resume on January 5.", T, "January 5", "DATE", "2024-01-05"),
    ("The vote will be on December 20.", A, "December 20", "DATE", "2024-12-20"),
    ("The vote will be on January 2.", A, "January 2", "DATE", "2024-01-02"),
    ("The summit will be held in two weeks.", A, "two weeks", "DATE", "2024-W05"),
    ("Crowds are expected this weekend.", W, "this weekend", "DATE", "2024-W03"),
    ("He will resign this Monday.", T, "this Monday", "DATE", "2024-01-01"),
    ("Talks resume on the 10th.", A, "the 10th", "DATE", "2024-02-10"),
    ("Results for Q2 are due.", A, "Q2", "DATE", "2024-Q2"),
    ("Sales rise in the first fiscal quarter.", T, "the first fiscal quarter", "DATE", "FY2024-Q1"),
]

# (sentence, anchor, expression, value, end_value)
RANGES = [
    ("The festival runs from 25 to 28 December.", A, "25 to 28 December", "2023-12-25", "2023-12-28"),
    ("The festival ran December 25-28, 2023.", A, "December 25-28, 2023", "2023-12-25", "2023-12-28"),
    ("It ran from 28 December to 2 January.", A, "28 December to 2 January", "2023-12-28", "2024-01-02"),
    ("Voting ran from October 16 to November 14.", A, "October 16 to November 14", "2023-10-16", "2023-11-14"),
    ("He served from 2010 to 2015.", A, "2010 to 2015", "2010", "2015"),
    ("Between 1991 and 1998, he was in and out of prison.", A, "1991 and 1998", "1991", "1998"),
    ('the text " Steve Jobs 1955-2011 "', A, "1955-2011", "1955", "2011"),
    ("The NSC met from 6-10 February 2018.", A, "6-10 February 2018", "2018-02-06", "2018-02-10"),
    ("It was held between 25 and 28 December 2023.", A, "25 and 28 December 2023", "2023-12-25", "2023-12-28"),
    ("The drills lasted from January to March 2024.", A, "January to March 2024", "2024-01", "2024-03"),
    ("The drills lasted from November to February 2024.", A, "November to February 2024", "2023-11", "2024-02"),
]

# strings with no time expression at all
NEGATIVES = [
    "This call came days after Putin secured an unprecedented fifth term",
    "according to the decision adopted by the 15th BRICS Summit",
    "by securing nearly 88 per cent of the votes.",
    "The bloc includes 10 countries.",
    "Some 2,000 troops were deployed.",
    "In 2000 cases the court ruled for the state.",
    "Between 1500 and 2000 people marched.",
    "up to 2000 soldiers",
    "In 1500 villages the water ran out.",
    "The price rose to $2010.",
    "Section 2024 of the code applies.",
    "Windows 2000 laptops were sold.",
    "the 2000 troops",
    "Theresa May said no.",
    "You may go, said nobody.",
    "They march on the capital.",
    "an august body of scholars",
    "Black Friday sales were strong.",
    "The Sunday Times reported it.",
    "Bloody Sunday is remembered.",
    "He won a second term.",
    "The sun rose over the hills.",
    "Wed to the idea, he stayed.",
    "The 9/11 attacks changed everything.",
    "since the October 7 attack on Israel",
    "a 3-2 win for the hosts",
    "The score was 30-7 at half time.",
    "He scored 2 goals.",
    "The G20 summit and COVID-19 were discussed.",
    "the iPhone 4 and page 12",
    "Mar-a-Lago hosted the dinner.",
    "The Arab Spring swept the region.",
    "He lives on the 15th floor.",
    "He bought a gun the day after he lost his job.",
    "Later models had bigger screens.",
    "The Colts led late in the fourth quarter.",
    "They won the second quarterfinal.",
]

# (sentence, anchor, expression, precision, explicit)
PRECISION = [
    ("on Monday, Jan 15 discussing", F, "Monday, Jan 15", "day", True),
    ("the talks on Wednesday", T, "Wednesday", "day", False),
    ("visit to India in December 2010, the", A, "December 2010", "month", True),
    ("presidency of BRICS in 2024 and", A, "2024", "year", True),
    ("The strike started in December.", A, "December", "month", True),
    ("took place today focused", F, "today", "day", False),
    ("Ministers met last week.", A, "last week", "week", False),
    ("in the coming year at", T, "the coming year", "year", False),
    ("an official four-day visit", T, "four-day", "", False),
    ("meets every Monday", A, "every Monday", "", False),
    ("in the years ahead", M, "the years ahead", "", False),
    ("| 20 Mar 2024, 05:12 pm", A, "20 Mar 2024, 05:12 pm", "day", True),
    ("Crime rose in the 1990s.", A, "the 1990s", "", True),
    ("on Wednesday evening with", T, "Wednesday evening", "day", False),
    ("Profits rose in the fourth quarter of 2006.", A, "the fourth quarter of 2006", "", True),
    ("Protests began on 3 May 2010. The next day, police came.", A, "The next day", "day", False),
]

# (sentence, expression, value, explicit) with no anchor
NO_ANCHOR = [
    ("They met on Wednesday.", "Wednesday", "", False),
    ("They met yesterday.", "yesterday", "", False),
    ("They met in December 2010.", "December 2010", "2010-12", True),
    ("They met on January 15.", "January 15", "", True),
    ("| 20 Mar 2024, 05:12 pm", "20 Mar 2024, 05:12 pm", "2024-03-20T17:12", True),
    ("The visit lasted four days.", "four days", "P4D", False),
    ("since 2010", "2010", "2010", True),
    ("The next day, police came.", "The next day", "XXXX-XX-XX", False),
    ("Sales fell in the last quarter.", "the last quarter", "", False),
    ("Revenue for fiscal 2011 rose.", "fiscal 2011", "FY2011", True),
]


# every data file of data/dates/en and a table sentence whose result depends on it
COVERAGE = {
    "count_words.tsv": "the 2000 troops",
    "holidays.tsv": "The market stayed closed until Christmas.",
    "modifiers.tsv": "Ministers met last week.",
    "months.tsv": "The deal was signed on March 20, 2024.",
    "not_dates.tsv": "Black Friday sales were strong.",
    "numbers.tsv": "The ship sank two days ago.",
    "ordinals.tsv": "It began on the first of March 2023.",
    "parts_of_day.tsv": "Gray was killed on Saturday night.",
    "quarters.tsv": "Sales in Q1 2024 beat forecasts.",
    "relative_days.tsv": "The minister arrived yesterday.",
    "rules.tsv": "date 2024-03-20 report",
    "seasons.tsv": "He was killed last summer.",
    "sets.tsv": "The report is published annually.",
    "story.tsv": "Protests began on 3 May 2010. The next day, police came.",
    "tense_cues.tsv": "The trial is set to begin on Wednesday in the Royal Courts of Justice.",
    "triggers.tsv": "Steve Jobs gives opening keynote to WWDC 2005",
    "units.tsv": "He stayed for three weeks.",
    "vague.tsv": "telling people to call back at a later time, and",
    "weekdays.tsv": "The talks ended on Friday.",
}


@pytest.fixture(scope="module")
def recognizer() -> TimexRecognizer:
    return TimexRecognizer(Settings())


def the_one(recognizer, sentence, anchor, expression, tense="past"):
    found = recognizer.find(sentence, anchor, tense)
    hits = [t for t in found if t.text == expression]
    assert hits, f"{expression!r} not found in {sentence!r}: {found}"
    assert sentence[hits[0].start:hits[0].end] == expression
    return hits[0]


def test_the_table_is_large_and_covers_every_type():
    assert len(CASES) + len(FUTURE_CASES) + len(RANGES) + len(NEGATIVES) >= 150
    assert {c[3] for c in CASES} == {"DATE", "TIME", "DURATION", "SET"}


def test_the_table_covers_every_data_file():
    files = {p.name for p in Settings().lang_dir("dates").glob("*.tsv")}
    assert set(COVERAGE) == files
    sentences = {c[0] for c in CASES + FUTURE_CASES + RANGES} | set(NEGATIVES)
    assert set(COVERAGE.values()) <= sentences


def rule_of(grammar, text: str, timex, ctx) -> str:
    """The id of the rule that found `timex`: the first in file order that matches there and accepts."""
    for rule in grammar.rules:
        match = rule.regex.match(text, timex.start)
        if match and HANDLERS[rule.handler](match.groupdict(), ctx) is not None:
            return rule.id
    return ""


def test_every_rule_has_a_table_case(recognizer):
    """Each rule (but the skip rules) finds at least one expression of the table."""
    _, grammar = load_resources(Settings().lang_dir("dates"))
    used = set()
    for sentence, anchor, *_ in CASES + FUTURE_CASES + RANGES:
        ctx = recognizer.context(anchor)
        used |= {rule_of(grammar, sentence, t, ctx) for t in recognizer.find(sentence, anchor)}
    unused = {r.id for r in grammar.rules if r.handler != "skip"} - used
    assert not unused, f"rules with no table case: {sorted(unused)}"


@pytest.mark.parametrize(("sentence", "anchor", "expression", "kind", "value"), CASES)
def test_expression(recognizer, sentence, anchor, expression, kind, value):
    found = the_one(recognizer, sentence, anchor, expression)
    assert (found.type, found.value) == (kind, value)


@pytest.mark.parametrize(("sentence", "anchor", "expression", "kind", "value"), FUTURE_CASES)
def test_future_tense(recognizer, sentence, anchor, expression, kind, value):
    found = the_one(recognizer, sentence, anchor, expression, tense="future")
    assert (found.type, found.value) == (kind, value)


@pytest.mark.parametrize(("sentence", "anchor", "expression", "value", "end_value"), RANGES)
def test_range(recognizer, sentence, anchor, expression, value, end_value):
    found = the_one(recognizer, sentence, anchor, expression)
    assert (found.type, found.value, found.end_value) == ("DATE", value, end_value)


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_no_expression(recognizer, sentence):
    assert recognizer.find(sentence, A) == []


@pytest.mark.parametrize(("sentence", "anchor", "expression", "precision", "explicit"), PRECISION)
def test_precision_and_explicit(recognizer, sentence, anchor, expression, precision, explicit):
    found = the_one(recognizer, sentence, anchor, expression)
    assert (found.precision, found.explicit) == (precision, explicit)


@pytest.mark.parametrize(("sentence", "expression", "value", "explicit"), NO_ANCHOR)
def test_without_anchor(recognizer, sentence, expression, value, explicit):
    found = the_one(recognizer, sentence, None, expression)
    assert (found.value, found.explicit) == (value, explicit)
    assert found.precision == "" or value_to_date(found.value) is not None


def test_day_of_a_time_value(recognizer):
    found = the_one(recognizer, "a meeting on Wednesday evening", T, "Wednesday evening")
    assert found.day() == dt.date(2023, 12, 27)


def test_a_datetime_anchor_counts_as_its_day(recognizer):
    found = the_one(recognizer, "They met yesterday.", dt.datetime(2024, 1, 15, 18, 30), "yesterday")
    assert found.value == "2024-01-14"


def test_tense_must_be_known(recognizer):
    with pytest.raises(ValueError, match="tense"):
        recognizer.find("on Monday", A, tense="present")


def paragraph() -> str:
    return " ".join(c[0] for c in CASES + FUTURE_CASES + RANGES) + " " + " ".join(NEGATIVES)


def test_offsets_sorted_and_disjoint(recognizer):
    text = paragraph()
    found = recognizer.find(text, A)
    assert len(found) > 150
    for t in found:
        assert text[t.start:t.end] == t.text
    for before, after in zip(found, found[1:], strict=False):
        assert before.end <= after.start


def test_precision_only_when_the_value_names_a_day(recognizer):
    for t in recognizer.find(paragraph(), A):
        assert (t.precision != "") == (value_to_date(t.value) is not None), t


def test_start_words_lose_nothing(recognizer):
    """Trying only the rules that can start with a word finds what trying every rule finds."""
    vocab, grammar = load_resources(Settings().lang_dir("dates"))
    joined = "|".join("(" + NAMED_GROUP.sub("(?:", r.regex.pattern) + ")" for r in grammar.rules)
    master, text, ctx = re.compile(joined, re.IGNORECASE), paragraph(), recognizer.context(A)
    expected, pos = [], 0
    while (hit := master.search(text, pos)) is not None:
        end, norm = first_accepted(grammar.rules[(hit.lastindex or 1) - 1:], text, hit.start(), ctx)
        if norm is not None:
            expected.append(to_timex(text, (hit.start(), end), norm))
            ctx = advance(ctx, norm)
        pos = end if end > 0 else hit.start() + 1
    assert recognizer.find(text, A) == expected


def test_json(recognizer):
    single = the_one(recognizer, "on Wednesday", T, "Wednesday")
    assert timex_to_json(single) == {"text": "Wednesday", "start": 3, "end": 12, "type": "DATE",
                                     "value": "2023-12-27"}
    span = the_one(recognizer, "from 25 to 28 December", A, "25 to 28 December")
    assert timex_to_json(span)["end_value"] == "2023-12-28"


def copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "dates" / "en"
    shutil.copytree(Settings().lang_dir("dates"), folder)
    return folder


def test_malformed_row_names_file_and_line(tmp_path):
    folder = copy_data(tmp_path)
    with (folder / "months.tsv").open("a", encoding="utf-8") as out:
        out.write("13\tSmarch\tname\ti\n")
    lines = (folder / "months.tsv").read_text(encoding="utf-8").count("\n")
    with pytest.raises(ResourceError, match=rf"months\.tsv:{lines}: expected a whole number"):
        TimexRecognizer(Settings(data_dir=tmp_path))


@pytest.mark.parametrize(("name", "row", "message"), [
    ("story.tsv", "that fortnight\tF\t0\t-", "UNIT must be one of"),
    ("vague.tsv", "whenever\tSOMETIME", "VALUE must be"),
    ("quarters.tsv", "fifth\t5", "whole number from 1 to 4"),
    ("tense_cues.tsv", "gonna\tsoon", "unknown code 'soon'"),
    ("triggers.tsv", "amid\taround", "unknown code 'around'"),
])
def test_malformed_rows_of_the_newer_files(tmp_path, name, row, message):
    folder = copy_data(tmp_path)
    with (folder / name).open("a", encoding="utf-8") as out:
        out.write(row + "\n")
    lines = (folder / name).read_text(encoding="utf-8").count("\n")
    with pytest.raises(ResourceError, match=rf"{re.escape(name)}:{lines}: .*{re.escape(message)}"):
        TimexRecognizer(Settings(data_dir=tmp_path))


def test_clause_of_a_weekday():
    """The clause a weekday reads its tense from (tense_cues.tsv): its own, or the one next to it."""
    from eventwire.timex.clause import clause_span

    _, grammar = load_resources(Settings().lang_dir("dates"))
    for text, word, clause in [
        ("He said on Monday that talks will resume.", "Monday", "He said on Monday"),
        ("On Monday, he will speak. Then he left.", "Monday", "On Monday, he will speak"),
        ("They will meet on Monday and Tuesday.", "Tuesday", "They will meet on Monday and Tuesday"),
        ("Talks ended on Jan. 15 in Paris.", "Jan. 15", "Talks ended on Jan. 15 in Paris"),
    ]:
        start = text.index(word)
        first, last = clause_span(text, start, start + len(word), grammar.cues)
        assert text[first:last].strip(" ,") == clause, text


def test_unknown_macro_in_a_rule(tmp_path):
    folder = copy_data(tmp_path)
    with (folder / "rules.tsv").open("a", encoding="utf-8") as out:
        out.write("rule\tbroken\tdate\t{nosuchmacro} {year}\n")
    with pytest.raises(ResourceError, match=r"rules\.tsv:\d+: unknown macro \{nosuchmacro\}"):
        TimexRecognizer(Settings(data_dir=tmp_path))


def test_meantime_floor(recognizer):
    """Values of MEANTIME's TIMEX3 (30 Apple articles) against the creation time; floors as measured."""
    if not MEANTIME.exists():
        pytest.skip(f"{MEANTIME} is not beside the project")
    from eventwire.timex_eval import evaluate_meantime

    report = evaluate_meantime(MEANTIME, recognizer)
    dates = report["by_type"]["DATE"]
    print(report)
    assert report["documents"] == 30
    assert dates["accuracy"] >= 0.94  # value correct among span-matched DATEs (measured 0.9403)
    assert dates["recall"] >= 0.92  # value correct among all gold DATEs (measured 0.9265, 63 of 68)
    assert report["precision"] >= 0.96  # found spans that overlap a gold span (measured 0.9643)


def test_meantime_report():
    if not MEANTIME.exists():
        pytest.skip(f"{MEANTIME} is not beside the project")
    from eventwire.timex_eval import meantime_report

    lines = meantime_report(MEANTIME, Settings())
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:-1]}
    assert list(rows) == ["DATE", "TIME", "DURATION", "SET"]
    gold, matched, correct = map(int, rows["DATE"][:3])
    assert gold == 68 and correct <= matched <= gold
    assert lines[-1] == f"timex DATE accuracy={correct * 100 // gold / 100:.2f} ({correct}/{gold})"
    assert correct / gold >= 0.92
