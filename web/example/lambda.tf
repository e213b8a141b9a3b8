resource "aws_lambda_function" "receipts" {
  function_name = "${var.name}-receipts"
  role          = aws_iam_role.receipts.arn
  runtime       = "python3.8"
  handler       = "receipts.handler"
  filename      = "build/receipts.zip"
  timeout       = 30

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.orders.name
      SMTP_PASS  = "hunter2-please-rotate"
    }
  }
}

resource "aws_lambda_function_url" "receipts" {
  function_name      = aws_lambda_function.receipts.function_name
  authorization_type = "NONE"
}

resource "aws_iam_role" "receipts" {
  name = "${var.name}-receipts"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "receipts" {
  name = "receipts"
  role = aws_iam_role.receipts.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:*", "s3:*"]
      Resource = "*"
    }]
  })
}
