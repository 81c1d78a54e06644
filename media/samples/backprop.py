# Linear and logistic regression, as in Parr & Howard's "The Matrix Calculus You Need For Deep
# Learning". A declaration in a comment gives the shapes (rows N, features d):
# X: matrix(N, d); w: vector(d); y: vector(N)
import numpy as np

mse = 0.5 * np.sum((X @ w - y) ** 2)
logistic_loss = np.sum(np.log(1 + np.exp(-y * (X @ w))))
