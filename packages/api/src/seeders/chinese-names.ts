import type { SeededRandom } from "./random";

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split(
    "",
  );
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥建国建华志强晓明海燕春梅宇航子涵欣怡浩然梓萱一诺思远嘉怡俊杰雨桐文博佳琪瑞".split(
    "",
  );

export function chineseName(random: SeededRandom): string {
  const given = random.chance(0.6) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
  return random.pick(SURNAMES) + given;
}

export function mobileNumber(random: SeededRandom): string {
  const prefix = random.pick(["135", "136", "137", "138", "139", "150", "151", "158", "159", "186", "187", "188", "189"]);
  return prefix + String(random.int(0, 99_999_999)).padStart(8, "0");
}
