// The built-in example: a small container service stack written for this project (web/example),
// with a realistic mix of passing and failing checks. The .tf files are bundled as text.
import alb from "../example/alb.tf";
import data from "../example/data.tf";
import ecs from "../example/ecs.tf";
import lambda from "../example/lambda.tf";
import network from "../example/network.tf";

export const EXAMPLE = [
  { path: "network.tf", text: network },
  { path: "alb.tf", text: alb },
  { path: "ecs.tf", text: ecs },
  { path: "lambda.tf", text: lambda },
  { path: "data.tf", text: data },
];
