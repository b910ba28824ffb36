-- Revenue per customer from paid orders; customers without one keep a row with 0.
SELECT c.customer_id,
       c.name,
       c.country,
       count(o.order_id)               AS orders,
       coalesce(sum(o.amount), 0)      AS revenue,
       max(o.ordered_at)               AS last_order_at
FROM customers c
LEFT JOIN orders o
  ON o.customer_id = c.customer_id AND o.status = 'paid'
GROUP BY c.customer_id, c.name, c.country
