"""Vietnamese amounts in words, in the style of accounting documents.

Invoices and receipts state the amount "bằng chữ": every group of three digits
after the first is read in full ("không trăm", "linh"), so 1,005 is
"Một nghìn không trăm linh năm đồng" and 2,000,015 is
"Hai triệu không trăm mười lăm đồng".
"""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
# Scale of each group of three digits, from the right.
SCALES = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"]


def _read_tens(tens, units, full):
    """Read the last two digits of a group; ``full`` when hundreds were read."""
    if tens == 0:
        if units == 0:
            return []
        return ["linh", DIGITS[units]] if full else [DIGITS[units]]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _read_group(number, full):
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = []
    if full or hundreds:
        words += [DIGITS[hundreds], "trăm"]
    return words + _read_tens(tens, units, full or bool(hundreds))


def number_to_words_vi(number):
    """Return the Vietnamese words for a whole number, lowercase."""
    number = int(number)
    if number == 0:
        return DIGITS[0]
    if number < 0:
        return "âm " + number_to_words_vi(-number)
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    if len(groups) > len(SCALES):
        raise ValueError("Amount too large to read in words: %s" % number)
    words = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        is_leading = index == len(groups) - 1
        words += _read_group(group, full=not is_leading)
        if SCALES[index]:
            words.append(SCALES[index])
    return " ".join(words)


def amount_to_words_vi(amount, unit="đồng"):
    """Return an amount as written on a Vietnamese invoice: capitalised, with its unit."""
    text = "%s %s" % (number_to_words_vi(round(amount)), unit)
    return text[0].upper() + text[1:]
