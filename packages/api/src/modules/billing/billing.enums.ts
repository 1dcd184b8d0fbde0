import { registerEnumType } from "type-graphql";

export enum FeeBasis {
  PER_M2 = "PER_M2",
  FIXED = "FIXED",
}

export enum PaymentMethod {
  CASH = "CASH",
  WECHAT = "WECHAT",
  ALIPAY = "ALIPAY",
  BANK_TRANSFER = "BANK_TRANSFER",
  CARD = "CARD",
  OTHER = "OTHER",
}

export enum BillStatus {
  OPEN = "OPEN",
  PARTIALLY_PAID = "PARTIALLY_PAID",
  PAID = "PAID",
}

export enum BillSource {
  GENERATED = "GENERATED",
  IMPORTED = "IMPORTED",
}

export enum DunningMethod {
  LETTER = "LETTER",
  SMS = "SMS",
  PHONE = "PHONE",
  VISIT = "VISIT",
  NOTICE_BOARD = "NOTICE_BOARD",
}

registerEnumType(FeeBasis, {
  name: "FeeBasis",
  description: "How a fee item is charged per unit and billing period.",
  valuesConfig: {
    PER_M2: { description: "Rate per m² of the unit's chargeable area (e.g. 物业管理费 2.80 ¥/m²/month)." },
    FIXED: { description: "The same amount for every unit." },
  },
});

registerEnumType(PaymentMethod, {
  name: "PaymentMethod",
  description: "How a payment was made.",
  valuesConfig: {
    CASH: { description: "Cash at the front desk (现金)." },
    WECHAT: { description: "WeChat Pay (微信)." },
    ALIPAY: { description: "Alipay (支付宝)." },
    BANK_TRANSFER: { description: "Bank transfer or direct debit (银行转账/代扣)." },
    CARD: { description: "Bank card at the terminal (刷卡)." },
    OTHER: { description: "Another way, described in the note." },
  },
});

registerEnumType(BillStatus, {
  name: "BillStatus",
  description: "How much of a bill is paid.",
  valuesConfig: {
    OPEN: { description: "Nothing paid yet." },
    PARTIALLY_PAID: { description: "Part paid." },
    PAID: { description: "Fully paid." },
  },
});

registerEnumType(BillSource, {
  name: "BillSource",
  description: "Where a bill came from.",
  valuesConfig: {
    GENERATED: { description: "Generated from the fee items for a billing period." },
    IMPORTED: { description: "Imported from an office's spreadsheet (CSV)." },
  },
});

registerEnumType(DunningMethod, {
  name: "DunningMethod",
  description: "How a dunning notice (催缴函) was delivered.",
  valuesConfig: {
    LETTER: { description: "Letter (催缴函)." },
    SMS: { description: "Text message." },
    PHONE: { description: "Telephone call." },
    VISIT: { description: "Home visit." },
    NOTICE_BOARD: { description: "Posted on the notice board." },
  },
});
